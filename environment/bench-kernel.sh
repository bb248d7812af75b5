#!/usr/bin/env bash
# Benchmark our kernel against Debian's python3-ipykernel (installs it if missing; needs root).
# usage: environment/bench-kernel.sh [REPEATS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
if ! /usr/bin/python3 -c 'import jupyter_client, ipykernel' 2>/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      jupyter-client jupyter-core python3-ipykernel
fi
[ -f "$root/kernel-ext/target/sml-kernel/sml-kernel.jar" ] || (cd "$root" && mvn -B -q -DskipTests package)
spec="$(mktemp -d)"
trap 'rm -rf "$spec"' EXIT
"$here/install-kernel.sh" --spec-dir "$spec" >/dev/null
JUPYTER_PATH="$spec" PYDEVD_DISABLE_FILE_VALIDATION=1 /usr/bin/python3 "$here/bench-kernel.py" "${1:-3}"
