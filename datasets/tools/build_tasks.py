"""Builds the classification tasks (train/dev TSV, gzip) from the extracted sources.

Usage: python3 build_tasks.py <work-dir> <out-dir>

<work-dir> holds sentiment-5.0.2/ (npm), r/foods_*.tsv (R export) and kjv.osis / web.osis
(diatheke exports). Every TSV has a header line; columns are `id, label, text` for single-sentence
tasks and `id, label, sentence1, sentence2` for the pair task. Splits that the sources do not fix
are made by ranking sha256(id) - no random generator - so every run writes the same bytes.
"""
import collections
import hashlib
import json
import os
import re
import sys

from deterministic_gzip import write_gzip_text

WHITESPACE = re.compile(r"\s+")


def clean(text):
    return WHITESPACE.sub(" ", text).strip()


def rank(key):
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def write_tsv(path, header, rows):
    for row in rows:
        for cell in row:
            if "\t" in str(cell) or "\n" in str(cell):
                raise ValueError(f"cell with tab/newline in {path}: {cell!r}")
    text = "\t".join(header) + "\n" + "".join("\t".join(str(c) for c in row) + "\n" for row in rows)
    write_gzip_text(path, text)
    counts = collections.Counter(row[1] for row in rows)
    print(f"{os.path.basename(path)}: {len(rows)} examples, labels {dict(sorted(counts.items()))}")


def sentiment(work, out):
    """UCI Sentiment Labelled Sentences: 20% of each (domain, label) stratum goes to dev."""
    rows, seen, conflicts = [], {}, set()
    for domain in ("amazon", "imdb", "yelp"):
        path = os.path.join(work, f"sentiment-5.0.2/package/test/fixtures/{domain}.json")
        with open(path, encoding="utf-8") as f:
            items = json.load(f)
        for i, item in enumerate(items):
            text = clean(item["text"])
            if not text or item["class"] is None:
                continue
            key = text.lower()
            if key in seen:
                if seen[key] != item["class"]:
                    conflicts.add(key)
                continue
            seen[key] = item["class"]
            rows.append((f"{domain}-{i:04d}", int(item["class"]), text, domain, key))
    rows = [r for r in rows if r[4] not in conflicts]
    strata = collections.defaultdict(list)
    for r in rows:
        strata[(r[3], r[1])].append(r)
    dev_ids = set()
    for members in strata.values():
        ordered = sorted(members, key=lambda r: rank(r[0]))
        dev_ids.update(r[0] for r in ordered[: round(len(members) * 0.2)])
    for split in ("train", "dev"):
        chosen = [r[:3] for r in rows if (r[0] in dev_ids) == (split == "dev")]
        write_tsv(os.path.join(out, f"sentiment-{split}.tsv.gz"), ("id", "label", "text"), chosen)


def food_reviews(work, out):
    """Amazon fine-food reviews: the package's own training_data / testing_data split."""
    for split, name in (("train", "training_data"), ("dev", "testing_data")):
        rows = []
        with open(os.path.join(work, f"r/foods_{name}.tsv"), encoding="utf-8") as f:
            for i, line in enumerate(f):
                score, review = line.rstrip("\n").split("\t", 1)
                review = clean(re.sub(r"<br\s*/?>", " ", review))
                rows.append((f"{split}-{i:04d}", 1 if score == "great" else 0, review))
        write_tsv(os.path.join(out, f"food-reviews-{split}.tsv.gz"), ("id", "label", "text"), rows)


# A verse key such as "Genesis 1:1: " or "Revelation of John 22:21: ". diatheke sometimes prints a
# stale heading in front of it, so the key is searched for rather than anchored at the line start.
VERSE_KEY = re.compile(r"(?:^|\s{2,}|(?<=[.!?]) )((?:[1-3] )?[A-Z][A-Za-z ]*? \d+):(\d+): ")


def read_osis(path):
    """Returns {(book_chapter, verse): text} from a diatheke -f OSIS export."""
    verses = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            match = VERSE_KEY.search(line)
            if not match:
                continue
            body = line[match.end():]
            body = re.sub(r"<title>.*?</title>", " ", body)
            body = body.replace("</w><w>", "</w> <w>")
            # Poetry line and milestone tags separate words; word tags do not.
            body = re.sub(r"</?(?:l|lg|milestone)\b[^>]*>", " ", body)
            body = clean(re.sub(r"<[^>]*>", "", body).replace("¶", " "))
            if body:
                verses[(match.group(1), int(match.group(2)))] = body
    return verses


def words(text):
    return set(re.findall(r"[a-z]+", text.lower()))


def paraphrase(work, out):
    """KJV verse vs WEB verse: same reference = 1, hardest same-chapter other verse = 0."""
    kjv = read_osis(os.path.join(work, "kjv.osis"))
    web = read_osis(os.path.join(work, "web.osis"))
    shared = [k for k in kjv if k in web]  # KJV canonical order
    by_chapter = collections.defaultdict(list)
    for key in shared:
        by_chapter[key[0]].append(key)
    books = []
    for key in shared:
        book = key[0].rsplit(" ", 1)[0]
        if not books or books[-1] != book:
            books.append(book)
    # Every tenth book (canonical order, starting with the 5th) is held out as dev.
    dev_books = {b for i, b in enumerate(books) if i % 10 == 4}
    print(f"paraphrase: {len(kjv)} KJV verses, {len(web)} WEB verses, {len(shared)} shared;"
          f" dev books: {sorted(dev_books)}")
    splits = {"train": [], "dev": []}
    for key in shared:
        others = [k for k in by_chapter[key[0]] if k != key]
        if not others:
            continue
        kw = words(kjv[key])

        def overlap(other):
            ow = words(web[other])
            return len(kw & ow) / max(1, len(kw | ow))

        hardest = max(others, key=lambda k: (overlap(k), -k[1]))
        ref = f"{key[0]}:{key[1]}"
        split = "dev" if key[0].rsplit(" ", 1)[0] in dev_books else "train"
        splits[split].append((ref.replace(" ", "_"), 1, kjv[key], web[key]))
        splits[split].append((ref.replace(" ", "_") + "~" + str(hardest[1]), 0, kjv[key], web[hardest]))
    for split, rows in splits.items():
        write_tsv(os.path.join(out, f"paraphrase-{split}.tsv.gz"),
                  ("id", "label", "sentence1", "sentence2"), rows)


def main():
    work, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    sentiment(work, out)
    food_reviews(work, out)
    paraphrase(work, out)


if __name__ == "__main__":
    main()
