#!/usr/bin/env bash
# Registers the "Java (Sparse Mixer)" kernel with an existing Jupyter.
#   environment/install-kernel.sh [--user | --prefix DIR | --sys-prefix | --spec-dir DIR] [--name NAME]
# --user (default) installs into the user's Jupyter data dir; --prefix/--sys-prefix as in
# `jupyter kernelspec install`; --spec-dir only writes DIR/kernels/NAME/kernel.json (use with
# JUPYTER_PATH=DIR, no jupyter command needed). kernel.json points at the built kernel folder
# (kernel-ext/target/sml-kernel); the path is computed here, on this machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$root/kernel-ext/target/sml-kernel/sml-kernel.jar"
name="sml-java"
mode="--user"
target=""
while [ $# -gt 0 ]; do
  case "$1" in
    --user|--sys-prefix) mode="$1" ;;
    --prefix) mode="--prefix"; target="$2"; shift ;;
    --spec-dir) mode="--spec-dir"; target="$2"; shift ;;
    --name) name="$2"; shift ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ ! -f "$jar" ]; then
  echo "kernel jar not found: $jar" >&2
  echo "build it first from the repository root: mvn -B -q -DskipTests package" >&2
  exit 1
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/$name"
sed "s|@SML_KERNEL_JAR@|$jar|" "$here/kernel.json" > "$tmp/$name/kernel.json"
if [ "$mode" = "--spec-dir" ]; then
  mkdir -p "$target/kernels/$name"
  cp "$tmp/$name/kernel.json" "$target/kernels/$name/kernel.json"
  echo "wrote $target/kernels/$name/kernel.json (kernel jar: $jar)"
  echo "use it with: JUPYTER_PATH=$target jupyter kernelspec list"
  exit 0
fi
if ! command -v jupyter >/dev/null 2>&1; then
  echo "jupyter not found. On Debian/Ubuntu: sudo apt-get install jupyter-notebook (or jupyter-client" >&2
  echo "jupyter-core for headless use); elsewhere: pip install notebook. Or use --spec-dir DIR." >&2
  exit 1
fi
if [ "$mode" = "--prefix" ]; then
  jupyter kernelspec install --replace --name "$name" --prefix "$target" "$tmp/$name"
else
  jupyter kernelspec install --replace --name "$name" "$mode" "$tmp/$name"
fi
echo "registered kernel '$name' ($mode${target:+ $target}) -> $jar"
jupyter kernelspec list | grep -E "^\s*$name\s" || true
