#!/usr/bin/env bash
# setup.sh - install what the benchmarks need and make sure the engine, the image and stack exist.
# Idempotent; the only network use is the package registries (apt, npm) for missing tools.
# Usage: bash bench/setup.sh [--engine]   env: PM2_VERSION=7.0.4 (the anchors' version; falls back to latest)
#   --engine  only make sure the Docker engine answers and the image exists (each container scenario
#             calls this first: on a shared machine the engine may have gone away since the run began)
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd); ROOT=$(dirname "$BENCH_DIR")
PM2_VERSION=${PM2_VERSION:-7.0.4}
IMAGE=${BENCH_IMAGE:-stack-busybox:1}
log() { echo "setup: $*" >&2; }
ENGINE_ONLY=0; [ "${1:-}" = --engine ] && ENGINE_ONLY=1

install_tools() {
  local need_apt=()
  command -v hyperfine >/dev/null || need_apt+=(hyperfine)
  command -v docker-compose >/dev/null || need_apt+=(docker-compose)
  command -v jq >/dev/null || need_apt+=(jq)
  command -v curl >/dev/null || need_apt+=(curl)
  command -v pgrep >/dev/null || need_apt+=(procps)
  [ -x /bin/busybox ] || need_apt+=(busybox-static)
  if [ ${#need_apt[@]} -gt 0 ]; then
    log "apt-get install ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  fi
  if ! command -v pm2 >/dev/null; then
    log "npm install -g pm2@$PM2_VERSION"
    npm install -g --no-fund --no-audit "pm2@$PM2_VERSION" >/dev/null 2>&1 || npm install -g --no-fund --no-audit pm2 >/dev/null
  fi
}
[ "$ENGINE_ONLY" = 1 ] || install_tools

# The engine must answer; start dockerd (as .ci/run does) if it does not. We never stop a dockerd:
# one we start here is left running for later runs, and one already running is not ours.
if ! timeout 20 docker info >/dev/null 2>&1; then
  log "starting dockerd"
  setsid nohup dockerd >/tmp/bench-dockerd.log 2>&1 </dev/null &  # own session: a timeout of ours cannot take it along
  for _ in $(seq 1 60); do timeout 5 docker info >/dev/null 2>&1 && break; sleep 1; done
  timeout 20 docker info >/dev/null
fi

# The local busybox image both sides run (no registry pull is possible here).
if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
  if [ -x "$ROOT/.ci/images/busybox/build.sh" ] || [ -f "$ROOT/.ci/images/busybox/build.sh" ]; then
    log "building $IMAGE with .ci/images/busybox/build.sh"
    bash "$ROOT/.ci/images/busybox/build.sh"
  else # same recipe as the anchors' anchor-busybox:1
    log "building $IMAGE from /bin/busybox"
    ctx=$(mktemp -d /tmp/bench-ctx.XXXXXX)
    mkdir -p "$ctx/bin"; cp /bin/busybox "$ctx/bin/"
    for a in sh sleep httpd echo yes cat; do ln -s busybox "$ctx/bin/$a"; done
    printf 'FROM scratch\nCOPY bin /bin\n' > "$ctx/Dockerfile"
    timeout 300 docker build -q -t "$IMAGE" "$ctx" >/dev/null; rm -rf "$ctx"
  fi
fi

[ "$ENGINE_ONLY" = 1 ] && exit 0

# stack itself: build the jar once if it is missing (a failure here only fails the stack side).
if [ ! -f "$ROOT/modules/stack-cli/target/stack.jar" ] && [ -f "$ROOT/Makefile" ]; then
  log "make build"
  (cd "$ROOT" && timeout 900 make build >/tmp/bench-make-build.log 2>&1) || log "make build failed (see /tmp/bench-make-build.log); the stack side will fail"
fi
exit 0
