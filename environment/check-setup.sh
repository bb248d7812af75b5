#!/usr/bin/env bash
# Workshop setup check: tells a participant what is missing, with the command that fixes each item.
#   environment/check-setup.sh
# Checks JDK 17+, Maven, Jupyter (Notebook or Lab), the built kernel, the registered "Java (Sparse
# Mixer)" kernel and that the PyTorch natives load. Exit code 0 when everything is there, 1 otherwise.
# Honours JUPYTER_PATH like Jupyter itself does. Changes nothing on the machine.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$root/kernel-ext/target/sml-kernel/sml-kernel.jar"
missing=0

ok()   { printf '  OK       %-22s %s\n' "$1" "$2"; }
miss() { printf '  MISSING  %-22s %s\n           fix: %s\n' "$1" "$2" "$3"; missing=$((missing + 1)); }

if [ "$(uname)" = "Darwin" ]; then
  fix_jdk="brew install openjdk@17"; fix_mvn="brew install maven"; fix_jupyter="brew install jupyterlab (or: pip install notebook)"
else
  fix_jdk="sudo apt-get install openjdk-17-jdk"; fix_mvn="sudo apt-get install maven"
  fix_jupyter="sudo apt-get install jupyter-notebook (or: pip install notebook)"
fi

echo "Sparse Mixer Lab workshop: setup check"

# 0. A platform with PyTorch natives on Maven Central (Intel Macs have none for 2.7.1 or 2.5.1).
if [ "$(uname)" = "Darwin" ] && [ "$(uname -m)" = "x86_64" ]; then
  miss "platform" "Intel Mac: Maven Central has no PyTorch natives for osx-x86_64" \
      "use an Apple-silicon Mac, Linux (x86-64 or arm64) or Windows x86-64, or pair with a neighbour"
fi

# 1. JDK 17 or newer (javac too: Maven compiles the project).
if command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1; then
  version="$(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -1)"
  major="${version%%.*}"
  if [ "${major:-0}" -ge 17 ] 2>/dev/null; then
    ok "JDK 17+" "java $version"
  else
    miss "JDK 17+" "java $version is too old" "$fix_jdk (then select it: sudo update-alternatives --config java)"
  fi
else
  miss "JDK 17+" "java or javac not found" "$fix_jdk"
fi

# 2. Maven (it needs a working Java itself).
if command -v mvn >/dev/null 2>&1; then
  if mvn_out="$(mvn -B -v 2>&1)"; then
    ok "Maven" "$(printf '%s\n' "$mvn_out" | sed 's/\x1b\[[0-9;]*m//g' | head -1)"
  else
    miss "Maven" "mvn is there but does not run: $(printf '%s\n' "$mvn_out" | head -1)" "fix the JDK first ($fix_jdk), or set JAVA_HOME"
  fi
else
  miss "Maven" "mvn not found" "$fix_mvn"
fi

# 3. Jupyter Notebook or Lab.
if command -v jupyter >/dev/null 2>&1; then
  if jupyter notebook --version >/dev/null 2>&1; then
    ok "Jupyter" "jupyter notebook $(jupyter notebook --version 2>/dev/null | tail -1)"
  elif jupyter lab --version >/dev/null 2>&1; then
    ok "Jupyter" "jupyter lab $(jupyter lab --version 2>/dev/null | tail -1)"
  else
    miss "Jupyter" "the jupyter command exists but neither 'jupyter notebook' nor 'jupyter lab' runs" "$fix_jupyter"
  fi
else
  miss "Jupyter" "jupyter not found" "$fix_jupyter"
fi

# 4. The kernel folder is built.
if [ -f "$jar" ]; then
  ok "kernel built" "kernel-ext/target/sml-kernel/sml-kernel.jar"
else
  miss "kernel built" "kernel-ext/target/sml-kernel/sml-kernel.jar not found" "cd $root && mvn -B -q -DskipTests package"
fi

# 5. The kernel is registered where Jupyter looks for kernelspecs (its data path: JUPYTER_PATH, the
#    user data dir, the prefix data dirs) and points at this build. No jupyter-kernelspec needed.
if command -v jupyter >/dev/null 2>&1; then
  spec_file=""
  data_dirs="$(jupyter --paths 2>/dev/null | awk '/^[a-z]+:$/ {section = $1; next} section == "data:" {print $1}')"
  while IFS= read -r d; do
    if [ -n "$d" ] && [ -f "$d/kernels/sml-java/kernel.json" ]; then spec_file="$d/kernels/sml-java/kernel.json"; break; fi
  done <<< "$data_dirs"
  if [ -z "$data_dirs" ]; then
    miss "kernel registered" "'jupyter --paths' lists no data folders" "$fix_jupyter"
  elif [ -z "$spec_file" ]; then
    user_dir="$(printf '%s\n' "$data_dirs" | head -1)"
    existing="$user_dir"
    while [ ! -d "$existing" ] && [ "$existing" != "/" ]; do existing="$(dirname "$existing")"; done
    if [ -w "$existing" ]; then
      miss "kernel registered" "no kernels/sml-java in Jupyter's data path ($(printf '%s\n' "$data_dirs" | paste -sd' ' -))" \
          "$root/environment/install-kernel.sh   (writes $user_dir/kernels/sml-java)"
    else
      miss "kernel registered" "no kernels/sml-java, and Jupyter's user data dir $user_dir is not writable" \
          "set JUPYTER_DATA_DIR to a folder you own, then $root/environment/install-kernel.sh"
    fi
  elif ! grep -qF "$jar" "$spec_file" 2>/dev/null; then
    miss "kernel registered" "sml-java ($spec_file) points at another build" "$root/environment/install-kernel.sh"
  else
    ok "kernel registered" "sml-java -> ${spec_file%/kernel.json}"
  fi
else
  miss "kernel registered" "cannot ask Jupyter (not installed)" "install Jupyter, then $root/environment/install-kernel.sh"
fi

# 6. The PyTorch natives load and compute (offline: they come with the build).
if [ -f "$jar" ] && command -v java >/dev/null 2>&1; then
  natives="$(DJL_OFFLINE=true OPT_OUT_TRACKING=true timeout 120 java -Djava.awt.headless=true -Dai.djl.offline=true \
      -Dorg.slf4j.simpleLogger.defaultLogLevel=error -jar "$jar" check-natives 2>&1 | tail -1)"
  if [ "${natives#natives OK}" != "$natives" ]; then
    ok "natives loadable" "${natives#natives OK: }"
  else
    miss "natives loadable" "${natives:-no answer}" "cd $root && mvn -B -DskipTests package (re-downloads the natives jar); on an unusual CPU or libc see environment/README.md"
  fi
else
  miss "natives loadable" "needs Java and the built kernel first" "fix the items above, then run this check again"
fi

if [ "$missing" -eq 0 ]; then
  echo "All set: jupyter notebook notebooks/workshop/   (pick the kernel \"Java (Sparse Mixer)\")"
  exit 0
fi
echo "$missing item(s) missing: run the fix commands above, then run this check again."
exit 1
