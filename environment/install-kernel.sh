#!/usr/bin/env bash
# Registers the "Java (Sparse Mixer)" kernel with Jupyter by writing its kernelspec.
#   environment/install-kernel.sh [--user | --prefix DIR | --sys-prefix | --spec-dir DIR] [--name NAME]
# --user (default): Jupyter's user data dir: $JUPYTER_DATA_DIR if set, else what `jupyter --data-dir`
#   says, else the platform default (~/.local/share/jupyter on Linux, ~/Library/Jupyter on macOS,
#   %APPDATA%\jupyter on Windows). --prefix DIR: DIR/share/jupyter; --sys-prefix: the prefix of the
#   Python that runs `jupyter`. --spec-dir DIR: DIR/kernels/NAME/kernel.json (use with JUPYTER_PATH=DIR).
# Needs no `jupyter-kernelspec` (Debian's jupyter-notebook package lacks it). kernel.json points at
# the built kernel folder (kernel-ext/target/sml-kernel, which carries the datasets); the path is
# computed here, on this machine.
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
    --prefix|--spec-dir)
      [ $# -ge 2 ] || { echo "$1 needs a folder (see --help)" >&2; exit 2; }
      mode="$1"; target="$2"; shift ;;
    --name)
      [ $# -ge 2 ] || { echo "--name needs a kernel name (see --help)" >&2; exit 2; }
      name="$2"; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
case "$name" in
  *[!a-z0-9._-]*|"") echo "kernel name '$name': use lowercase letters, digits, '.', '_' and '-' only" >&2; exit 2 ;;
esac
if [ ! -f "$jar" ]; then
  echo "kernel jar not found: $jar" >&2
  echo "build it first from the repository root: mvn -B -q -DskipTests package" >&2
  exit 1
fi

# Jupyter's user data dir, as jupyter_core computes it.
user_data_dir() {
  if [ -n "${JUPYTER_DATA_DIR:-}" ]; then
    printf '%s\n' "$JUPYTER_DATA_DIR"
  elif command -v jupyter >/dev/null 2>&1 && jupyter --data-dir 2>/dev/null; then
    :
  else
    case "$(uname -s)" in
      Darwin) printf '%s\n' "$HOME/Library/Jupyter" ;;
      MINGW*|MSYS*|CYGWIN*) printf '%s\n' "${APPDATA:?APPDATA is not set}/jupyter" ;;
      *) printf '%s\n' "${XDG_DATA_HOME:-$HOME/.local/share}/jupyter" ;;
    esac
  fi
}

case "$mode" in
  --spec-dir) data_dir="$target" ;;
  --prefix) data_dir="$target/share/jupyter" ;;
  --sys-prefix)
    if ! command -v jupyter >/dev/null 2>&1; then
      echo "--sys-prefix: jupyter not found, so its Python prefix is unknown; use --user or --prefix DIR" >&2
      exit 1
    fi
    python="$(sed -n '1s/^#![[:space:]]*//p' "$(command -v jupyter)")"
    prefix="$($python -c 'import sys; print(sys.prefix)')" || {
      echo "--sys-prefix: could not ask jupyter's Python ($python) for its prefix; use --prefix DIR" >&2; exit 1; }
    data_dir="$prefix/share/jupyter" ;;
  *) data_dir="$(user_data_dir | tail -1)" ;;
esac

# Java on Windows wants C:/... rather than Git Bash's /c/... paths.
if command -v cygpath >/dev/null 2>&1; then jar="$(cygpath -m "$jar")"; fi
dest="$data_dir/kernels/$name"
mkdir -p "$dest"
tmp="$dest/.kernel.json.tmp.$$"
sed "s|@SML_KERNEL_JAR@|$jar|" "$here/kernel.json" > "$tmp"
mv -f "$tmp" "$dest/kernel.json"
echo "wrote $dest/kernel.json (kernel jar: $jar)"
if [ "$mode" = "--spec-dir" ]; then
  echo "use it with: JUPYTER_PATH=$target jupyter notebook"
elif [ "$mode" = "--prefix" ]; then
  echo "Jupyter finds it when $target/share/jupyter is on JUPYTER_PATH or $target is its prefix"
else
  echo "registered kernel '$name': pick \"Java (Sparse Mixer)\" in Jupyter"
fi
