#!/usr/bin/env bash
# Real browser test of a workshop notebook: Debian's Jupyter Notebook on loopback with the
# "Java (Sparse Mixer)" kernel registered in a temporary Jupyter data dir, headless Debian Chromium
# driven by playwright-core (executablePath, no browser download), Run All from the Cell menu, then
# checks that no error output is shown and that the expected outputs are there; saves screenshots.
#
#   environment/browser-test/run-browser-test.sh [--notebook PATH] [--expect CELL_TEXT SELECTOR]...
#                                                [--fit CELL_TEXT SELECTOR]... [--shots DIR] [--timeout SECONDS]
# --notebook  the notebook to run (default notebooks/workshop/2-routing-by-hand.ipynb); a copy without
#             outputs, browser-test-copy-NAME.ipynb, goes next to it (so files the notebook reads relative
#             to its folder are found) and is removed afterwards; the notebook itself is not touched
# --expect    the output of the first code cell whose source contains CELL_TEXT must contain an
#             element matching the CSS SELECTOR (repeatable; given any, they replace the defaults,
#             which expect the routing heatmap image and a check report of notebook 2)
# --fit       as --expect, and every matching element must fit the output area's width at 100% zoom
#             (1400 px window) without being scaled down; the widths measured are printed
# --shots     screenshot folder (default environment/browser-test/screenshots, gitignored)
# Installs chromium and jupyter-notebook with apt-get if they are missing (needs root), and
# playwright-core with npm (package-lock.json pins it).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
notebook="$root/notebooks/workshop/2-routing-by-hand.ipynb"
shots="$here/screenshots"
timeout_s=600
expect='[]'
add_expect() {
  expect="$(EXPECT="$expect" CELL="$1" SEL="$2" SHOT="$3" FIT="${4:-}" /usr/bin/python3 -c 'import json, os
e = json.loads(os.environ["EXPECT"]); e.append({"cell": os.environ["CELL"], "selector": os.environ["SEL"], "shot": os.environ["SHOT"], "fit": os.environ["FIT"] == "fit"})
print(json.dumps(e))')"
}
n=0
while [ $# -gt 0 ]; do
  case "$1" in
    --notebook) notebook="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift ;;
    --expect) n=$((n + 1)); add_expect "$2" "$3" "expect-$n.png"; shift 2 ;;
    --fit) n=$((n + 1)); add_expect "$2" "$3" "fit-$n.png" fit; shift 2 ;;
    --shots) mkdir -p "$2"; shots="$(cd "$2" && pwd)"; shift ;;
    --timeout) timeout_s="$2"; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ "$n" -eq 0 ]; then
  add_expect 'tokens-choose top-1, text order' 'img' 'heatmap-cell.png'
  add_expect 'CapacityChecker.check(myCapacity)' '.sml-check' 'check-cell.png'
fi
[ -f "$notebook" ] || { echo "notebook not found: $notebook" >&2; exit 2; }

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v jupyter-notebook >/dev/null 2>&1 || need+=(jupyter-notebook)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages: ${need[*]}; install them with: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
  echo "installing Debian packages: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ ! -f "$root/kernel-ext/target/sml-kernel/sml-kernel.jar" ]; then
  (cd "$root" && mvn -B -q -DskipTests package)
fi

tmp="$(mktemp -d)"
server_pid=""
name="browser-test-copy-$(basename "$notebook")"
copy="$(dirname "$notebook")/$name"
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
  rm -f "$copy"
}
trap cleanup EXIT
mkdir -p "$tmp/runtime" "$tmp/config"
"$root/environment/install-kernel.sh" --spec-dir "$tmp/jupyter" >/dev/null
# The copy starts without outputs, so everything the test sees was produced in this run.
/usr/bin/python3 - "$notebook" "$copy" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1]))
for cell in nb["cells"]:
    if cell["cell_type"] == "code":
        cell["outputs"] = []
        cell["execution_count"] = None
json.dump(nb, open(sys.argv[2], "w"), indent=1)
PY
relative="${copy#"$root"/}"
port="$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
token="$(/usr/bin/python3 -c 'import secrets; print(secrets.token_hex(16))')"
export JUPYTER_PATH="$tmp/jupyter" JUPYTER_RUNTIME_DIR="$tmp/runtime" JUPYTER_CONFIG_DIR="$tmp/config"
export DJL_OFFLINE=true OPT_OUT_TRACKING=true PYDEVD_DISABLE_FILE_VALIDATION=1
root_flag=(); [ "$(id -u)" -eq 0 ] && root_flag=(--allow-root)   # CI runs as root
jupyter notebook "${root_flag[@]}" --no-browser --ip=127.0.0.1 --port="$port" --NotebookApp.token="$token" \
    --NotebookApp.notebook_dir="$root" --NotebookApp.open_browser=False >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 60); do
  if /usr/bin/python3 -c "import urllib.request, sys; urllib.request.urlopen('http://127.0.0.1:$port/api/status?token=$token', timeout=2)" 2>/dev/null; then
    break
  fi
  kill -0 "$server_pid" 2>/dev/null || { echo "jupyter notebook exited:"; cat "$tmp/server.log"; exit 1; }
  sleep 1
done
echo "jupyter notebook on 127.0.0.1:$port, running $name"
status=0
SML_BT_URL="http://127.0.0.1:$port/notebooks/$relative?token=$token" SML_BT_EXPECT="$expect" SML_BT_SHOTS="$shots" \
    SML_BT_TIMEOUT_S="$timeout_s" node "$here/browser-test.mjs" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- jupyter server log (last 40 lines)"
  tail -40 "$tmp/server.log"
fi
exit $status
