#!/usr/bin/env bash
# Proves that the PyTorch natives of the other platforms resolve from Maven Central, although this
# machine cannot run them: for each platform profile (and stack) Maven resolves the library's runtime
# classpath, and the check looks for that platform's natives jar on it and for the platform's JNI
# library inside pytorch-jni.
#   environment/check-platforms.sh [--with-torch251]
# Downloads (once, into ~/.m2): linux-aarch64 71 MB, osx-aarch64 42 MB, win-x86_64 76 MB for PyTorch
# 2.7.1; --with-torch251 adds osx-aarch64 39 MB and win-x86_64 75 MB for PyTorch 2.5.1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
checks=("default platform-linux-aarch64" "default platform-osx-aarch64" "default platform-win-x86_64")
if [ "${1:-}" = "--with-torch251" ]; then
  checks+=("torch251 platform-osx-aarch64" "torch251 platform-win-x86_64")
fi
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
status=0
for check in "${checks[@]}"; do
  read -r stack profile <<< "$check"
  platform="${profile#platform-}"
  profiles="$profile"
  [ "$stack" = default ] || profiles="$stack,$profile"
  t0=$(date +%s)
  mvn -B -q -P"$profiles" -pl lib dependency:build-classpath -Dmdep.includeScope=runtime \
      -Dmdep.outputFile="$cp_file" >/dev/null
  native="$(tr ':' '\n' < "$cp_file" | grep -E "/pytorch-native-cpu-[0-9.]+-$platform\.jar$" || true)"
  jni="$(tr ':' '\n' < "$cp_file" | grep -E '/pytorch-jni-[^/]*\.jar$' || true)"
  if [ -z "$native" ]; then
    echo "FAILED  $stack $platform: no pytorch-native-cpu-*-$platform.jar on the resolved classpath"; status=1; continue
  fi
  # list first, then search: 'unzip | grep -q' under pipefail fails at random (grep stops reading, unzip gets SIGPIPE)
  listing="$(unzip -Z1 "$jni")"
  if ! grep -qE "^jnilib/$platform/cpu/(lib)?djl_torch\.(so|dylib|dll)$" <<< "$listing"; then
    echo "FAILED  $stack $platform: $(basename "$jni") has no jnilib/$platform/cpu library"; status=1; continue
  fi
  printf 'OK      %-8s %-14s %s (%s MB), JNI in %s (%s s)\n' "$stack" "$platform" "$(basename "$native")" \
      "$(( $(wc -c < "$native") / 1000000 ))" "$(basename "$jni")" "$(( $(date +%s) - t0 ))"
done
exit $status
