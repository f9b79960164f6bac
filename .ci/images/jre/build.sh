#!/usr/bin/env bash
# build.sh - builds the test image stack-jre:17: FROM scratch, a jlink'ed runtime of this machine's
# JDK 17 in /opt/java, exactly the shared libraries it loads, and busybox for sh.
# Skipped when the image exists with the same inputs (JDK, module list, libraries, this script).
# Usage: bash .ci/images/jre/build.sh
set -euo pipefail
IMAGE=${IMAGE:-stack-jre:17}
MODULES=java.base,java.logging,java.net.http,jdk.httpserver,jdk.crypto.ec,java.management
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../lib.sh
source "$here/../lib.sh"

jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
[ -x "$jdk/bin/jlink" ] || { echo "error: no jlink in $jdk" >&2; echo "  hint: apt-get install openjdk-17-jdk-headless, or set JAVA_HOME" >&2; exit 1; }
case "$("$jdk/bin/java" -version 2>&1 | head -1)" in
  *'"17.'*) ;;
  *) echo "error: $jdk is not a JDK 17: $("$jdk/bin/java" -version 2>&1 | head -1)" >&2; exit 1 ;;
esac

# The JDK's identity (release file, size and time of its module image), not a hash of 100+ MB.
hash=$( { cat "$jdk/release"; stat -L -c '%s %Y' "$jdk/lib/modules"; sha256sum "$(busybox_path)";
  echo "$MODULES"; cat "$0" "$here/../lib.sh"; } | sha256sum | cut -c1-64)
if image_current "$IMAGE" "$hash"; then
  echo "image $IMAGE is up to date"
  exit 0
fi

ctx=$(mktemp -d /tmp/stack-image-jre.XXXXXX)
trap 'rm -rf "$ctx"' EXIT
root=$ctx/rootfs
mkdir -p "$root/opt" "$root/tmp" && chmod 1777 "$root/tmp"
"$jdk/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$root/opt/java"

# Every library the launcher and the runtime's own .so files need, plus the dynamic loader,
# copied to the same path (symlinks resolved) so the image needs nothing else.
libs=$( { ldd "$root/opt/java/bin/java"; find "$root/opt/java/lib" -name '*.so' -exec ldd {} \; ; } 2>/dev/null |
  awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' | grep -v "^$root" | sort -u)
# glibc loads libgcc_s on its own when a thread is cancelled or exits by unwinding
for extra in /lib/x86_64-linux-gnu/libgcc_s.so.1 /usr/lib/x86_64-linux-gnu/libgcc_s.so.1; do
  if [ -e "$extra" ]; then libs+=$'\n'$extra; break; fi
done
for lib in $libs; do cp -L --parents "$lib" "$root"; done

add_busybox "$root"
cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY rootfs /
ENV JAVA_HOME=/opt/java PATH=/opt/java/bin:/bin
CMD ["java", "-version"]
DOCKERFILE
build_image "$IMAGE" "$hash" "$ctx"
if ! out=$(docker run --rm "$IMAGE" java -version 2>&1) || ! grep -q 'version "17' <<<"$out"; then
  echo "error: $IMAGE does not run java -version:" >&2
  echo "$out" >&2
  exit 1
fi
echo "built image $IMAGE ($(docker image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))"
