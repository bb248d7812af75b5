#!/usr/bin/env bash
# End-to-end check through the real Jupyter client: runs every notebooks/*.ipynb and the workshop
# course notebooks/workshop/*.ipynb with the "Java (Sparse Mixer)" kernel through nbclient (Debian's
# /usr/bin/python3) and fails on any error output. Installs python3-nbclient, jupyter-client and
# jupyter-core with apt-get if they are missing (needs root), builds the kernel folder if missing,
# and registers the kernel only in a temporary JUPYTER_PATH (the user's Jupyter setup is not touched).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
py=/usr/bin/python3
if ! "$py" -c 'import nbclient, jupyter_client, nbformat' 2>/dev/null; then
  echo "installing Debian packages python3-nbclient jupyter-client jupyter-core"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      python3-nbclient jupyter-client jupyter-core
fi
if [ ! -f "$root/kernel-ext/target/sml-kernel/sml-kernel.jar" ]; then
  (cd "$root" && mvn -B -q -DskipTests package)
fi
spec="$(mktemp -d)"
trap 'rm -rf "$spec"' EXIT
"$here/install-kernel.sh" --spec-dir "$spec" >/dev/null
export JUPYTER_PATH="$spec"
export PYDEVD_DISABLE_FILE_VALIDATION=1
out="$root/target/notebooks-e2e"
mkdir -p "$out"
status=0
cd "$root"
for nb in notebooks/*.ipynb notebooks/workshop/*.ipynb; do
  "$py" "$here/nbcheck.py" "$nb" sml-java "$out/$(basename "$nb" .ipynb).nbclient.ipynb" || status=1
done
exit $status
