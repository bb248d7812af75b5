#!/usr/bin/env bash
# Installation test, as a user meets it: Debian's jupyter-notebook without jupyter-kernelspec, the
# kernel installed with install-kernel.sh into a fresh home's Jupyter data dir, and a notebook that
# trains and routes (%train, %routing) run from a folder outside the checkout.
#   environment/install-test.sh [NOTEBOOK]      (default notebooks/02-routing-explorer.ipynb)
# "No jupyter-kernelspec" is simulated with a PATH holding links to only the commands the scripts
# need (the packages on this machine stay as they are). Installs jupyter-notebook, jupyter-client
# and python3-nbclient with apt-get if missing (needs root; the last two are only for the checks).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
notebook="${1:-$root/notebooks/02-routing-explorer.ipynb}"
py=/usr/bin/python3
if ! command -v jupyter-notebook >/dev/null 2>&1 || ! "$py" -c 'import nbclient, jupyter_client' 2>/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      jupyter-notebook jupyter-client python3-nbclient >/dev/null
fi
[ -f "$root/kernel-ext/target/sml-kernel/sml-kernel.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bin="$work/bin"
mkdir -p "$bin" "$work/home"
for c in bash sh env sed awk mkdir mv rm cat dirname uname tail head grep printf paste timeout \
         java javac mvn jupyter jupyter-notebook python3; do
  p="$(command -v "$c")" && ln -s "$p" "$bin/$c"
done
fail() { echo "FAILED: $*" >&2; exit 1; }
PATH="$bin" command -v jupyter-kernelspec >/dev/null 2>&1 && fail "the restricted PATH still has jupyter-kernelspec"

# 1. Install with the default (--user): the platform's data dir under a fresh HOME, no JUPYTER_DATA_DIR.
env -u JUPYTER_DATA_DIR -u JUPYTER_PATH HOME="$work/home" PATH="$bin" bash "$here/install-kernel.sh" \
    || fail "install-kernel.sh without jupyter-kernelspec"
spec="$work/home/.local/share/jupyter/kernels/sml-java"
[ -f "$spec/kernel.json" ] || fail "no kernelspec at $spec"

# 2. check-setup.sh (same PATH) sees it registered.
report="$(env -u JUPYTER_DATA_DIR -u JUPYTER_PATH HOME="$work/home" PATH="$bin" bash "$here/check-setup.sh" 2>/dev/null || true)"
printf '%s\n' "$report" | grep -q "OK       kernel registered      sml-java -> $spec" \
    || fail "check-setup.sh does not see the kernelspec: $report"

# 3. Jupyter itself finds it (the kernelspec command and the Python API) and starts a kernel from it.
env -u JUPYTER_DATA_DIR -u JUPYTER_PATH HOME="$work/home" jupyter kernelspec list | grep -qE "^\s*sml-java\s+$spec\$" \
    || fail "'jupyter kernelspec list' does not list $spec"
env -u JUPYTER_DATA_DIR -u JUPYTER_PATH HOME="$work/home" PYDEVD_DISABLE_FILE_VALIDATION=1 "$py" - "$spec" <<'PY'
import os, sys
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel
found = KernelSpecManager().find_kernel_specs().get("sml-java")
assert found and os.path.samefile(found, sys.argv[1]), "KernelSpecManager found %r" % found
km, kc = start_new_kernel(kernel_name="sml-java", startup_timeout=120)
try:
    msg_id = kc.execute("6 * 7")
    result = None
    while True:
        msg = kc.get_iopub_msg(timeout=60)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "execute_result":
            result = msg["content"]["data"]["text/plain"]
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    assert result == "42", "6 * 7 gave %r" % result
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
del kc, km
print("kernel from the installed kernelspec answered 6 * 7 = 42")
PY

# 4. A notebook copied into a folder outside the checkout trains and routes with the kernel's data.
mkdir -p "$work/my-notebooks"
cp "$notebook" "$work/my-notebooks/"
# the study files a notebook names (notebook 02's last section runs studies/5-...json), as a user who copies
# the notebooks folder has them; the datasets, tokenizer and kernel must still come from the installation
[ -d "$(dirname "$notebook")/studies" ] && cp -r "$(dirname "$notebook")/studies" "$work/my-notebooks/"
(cd "$work/my-notebooks" && env -u JUPYTER_DATA_DIR -u JUPYTER_PATH HOME="$work/home" PYDEVD_DISABLE_FILE_VALIDATION=1 \
    "$py" "$here/nbcheck.py" "$(basename "$notebook")" sml-java "$work/out.ipynb") \
    || fail "$(basename "$notebook") outside the checkout"

# 5. JUPYTER_DATA_DIR is honoured.
JUPYTER_DATA_DIR="$work/data" HOME="$work/home" PATH="$bin" bash "$here/install-kernel.sh" >/dev/null
[ -f "$work/data/kernels/sml-java/kernel.json" ] || fail "JUPYTER_DATA_DIR not honoured"
echo "install test passed"
