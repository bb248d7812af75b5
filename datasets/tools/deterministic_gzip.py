"""Writes gzip files whose bytes depend only on their content (no name, mtime 0)."""
import gzip


def write_gzip_text(path, text):
    """Writes UTF-8 text to `path` as gzip level 9 with a fixed header."""
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(text.encode("utf-8"))
