#!/usr/bin/env bash
# build.sh - builds the test image stack-busybox:1: FROM scratch, a static busybox with its applet
# links in /bin, CMD sh. No registry is needed. Skipped when the image exists with the same inputs.
# Usage: bash .ci/images/busybox/build.sh
set -euo pipefail
IMAGE=${IMAGE:-stack-busybox:1}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../lib.sh
source "$here/../lib.sh"

hash=$( { sha256sum "$(busybox_path)" | cut -d' ' -f1; printf '%s\n' "${BUSYBOX_APPLETS[@]}"; cat "$0" "$here/../lib.sh"; } | sha256sum | cut -c1-64)
if image_current "$IMAGE" "$hash"; then
  echo "image $IMAGE is up to date"
  exit 0
fi

ctx=$(mktemp -d /tmp/stack-image-busybox.XXXXXX)
trap 'rm -rf "$ctx"' EXIT
add_busybox "$ctx/rootfs"
mkdir -p "$ctx/rootfs/tmp" && chmod 1777 "$ctx/rootfs/tmp"
cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY rootfs /
CMD ["sh"]
DOCKERFILE
build_image "$IMAGE" "$hash" "$ctx"
out=$(docker run --rm "$IMAGE" echo ok)
[ "$out" = ok ] || { echo "error: $IMAGE does not run: echo printed '$out'" >&2; exit 1; }
echo "built image $IMAGE"
