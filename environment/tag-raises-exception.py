#!/usr/bin/python3
"""Adds the "raises-exception" tag to notebook cells that show an error on purpose.

nbclient and the headless runner (java -jar sml-kernel.jar run) go on after a failing cell only when it
carries this tag. Only the cells' metadata changes; the file keeps its JSON layout byte for byte.
usage: tag-raises-exception.py NOTEBOOK SOURCE_PREFIX...   (a code cell whose source starts with a prefix)
"""
import json
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    path, prefixes = sys.argv[1], sys.argv[2:]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    indent = 1 if text.startswith('{\n "') else 2
    nb = json.loads(text)
    found = set()
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for p in prefixes:
            if src.startswith(p):
                tags = cell.setdefault("metadata", {}).setdefault("tags", [])
                if "raises-exception" not in tags:
                    tags.append("raises-exception")
                found.add(p)
                print("%s: cell %d tagged raises-exception: %r" % (path, i, src.splitlines()[0]))
    missing = [p for p in prefixes if p not in found]
    if missing:
        sys.exit("%s: no code cell starts with %r" % (path, missing))
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(nb, indent=indent, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
