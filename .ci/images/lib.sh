# lib.sh - shared by the image build scripts; source it, do not run it.
# An image carries the label dev.stack.inputs=<sha256 of its inputs>; a build is skipped when the
# image already exists with the same inputs, so repeated CI runs cost a docker inspect.

# The busybox applets every test image links; an applet this busybox lacks is skipped.
BUSYBOX_APPLETS=(sh ash sleep httpd nc echo cat wget date env ls mkdir rm cp mv ln touch chmod
  yes head tail kill ps true false grep seq id hostname printf test wc sort uniq tr sed awk tee
  timeout pwd basename dirname uname whoami find xargs cut od dd sync nslookup netstat ip ifconfig
  ping top free printenv expr stat which mktemp md5sum sha256sum)

# busybox_path: the statically linked busybox from busybox-static (the image has no libc for it).
busybox_path() {
  local b
  for b in /bin/busybox /usr/bin/busybox; do
    # ldd refuses a static binary; `file` may not be installed
    if [ -x "$b" ] && ! ldd "$b" >/dev/null 2>&1; then echo "$b"; return; fi
  done
  echo "error: no statically linked busybox found" >&2
  echo "  hint: apt-get install busybox-static" >&2
  return 1
}

# add_busybox ROOTFS: copies busybox to ROOTFS/bin and links the applets.
add_busybox() {
  local root=$1 bb applet
  bb=$(busybox_path)
  mkdir -p "$root/bin"
  cp "$bb" "$root/bin/busybox"
  local have
  have=$("$bb" --list)
  for applet in "${BUSYBOX_APPLETS[@]}"; do
    if grep -qx "$applet" <<<"$have"; then ln -sf busybox "$root/bin/$applet"; fi
  done
}

# image_current IMAGE HASH: true when IMAGE exists and was built from inputs with HASH.
image_current() {
  local got
  got=$(docker image inspect --format '{{index .Config.Labels "dev.stack.inputs"}}' "$1" 2>/dev/null) || return 1
  [ "$got" = "$2" ]
}

# build_image IMAGE HASH CONTEXT: builds CONTEXT (which holds the Dockerfile) as IMAGE.
build_image() {
  local image=$1 hash=$2 ctx=$3
  local out
  # the output is only shown on failure: the CLI's legacy-builder notice is noise here
  if ! out=$(docker build -q --label dev.stack.test=1 --label "dev.stack.inputs=$hash" -t "$image" "$ctx" 2>&1); then
    echo "error: building $image failed:" >&2
    echo "$out" >&2
    return 1
  fi
}
