#!/usr/bin/python3
"""Runs one notebook through nbclient with a named kernel and fails on any error output.

usage: /usr/bin/python3 nbcheck.py NOTEBOOK KERNEL_NAME OUT.ipynb
Cells tagged "raises-exception" may produce errors; any other error output fails the run.
"""
import os
import sys
import time

import nbformat
from nbclient import NotebookClient


def main():
    src, kernel, out = sys.argv[1], sys.argv[2], sys.argv[3]
    nb = nbformat.read(src, as_version=4)
    t0 = time.time()
    # like Jupyter, the kernel starts in the notebook's folder (notebooks read files relative to it)
    folder = os.path.dirname(os.path.abspath(src))
    client = NotebookClient(nb, kernel_name=kernel, timeout=600, startup_timeout=120, allow_errors=True,
                            resources={"metadata": {"path": folder}})
    client.execute()
    nbformat.write(nb, out)
    bad = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        tags = cell.get("metadata", {}).get("tags", [])
        for o in cell.get("outputs", []):
            if o.get("output_type") == "error" and "raises-exception" not in tags:
                bad.append("cell %d: %s: %s" % (i, o.get("ename"), o.get("evalue")))
    if bad:
        print("FAILED %s (%.1f s)\n  %s" % (src, time.time() - t0, "\n  ".join(bad)))
        sys.exit(1)
    print("OK     %s (%.1f s, %d cells) -> %s" % (src, time.time() - t0, len(nb.cells), out))


if __name__ == "__main__":
    main()
