#!/usr/bin/env bash
# build-all.sh - builds every local test image (each skips itself when up to date).
# Usage: bash .ci/images/build-all.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bash "$here/busybox/build.sh"
bash "$here/jre/build.sh"
