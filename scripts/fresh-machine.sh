#!/usr/bin/env bash
# Proves the README's two commands on a machine where nothing was installed by hand: a Debian
# bookworm root file system made by mmdebstrap from Debian's packages (minbase: apt, bash,
# coreutils; plus git and make, and nothing else), a clone of this repository at COMMIT in it,
# then, under chroot as root:
#   1. `make run` until it prints where everything listens; a GraphQL request through the
#      gateway must answer; then Ctrl-C (SIGINT), after which nothing of it may still run;
#   2. `make test`, in a network namespace of its own (loopback and an unconnected veth pair), so
#      that its servers never meet the test ports of a suite running on this machine.
# Each step's time is printed, and the last lines say PASSED or FAILED. Needs root, python3,
# mmdebstrap (installed when missing) and util-linux's unshare. What a fresh machine of this workplace has
# besides Debian's packages is taken over: the network's CA certificates (its registries are
# reached through a TLS proxy), the variables that point programs at them (NODE_EXTRA_CA_CERTS,
# SSL_CERT_FILE, ...: the official Node.js build reads no system store) and /etc/resolv.conf.
# Nothing else of this machine's environment reaches the new one.
#
#   scripts/fresh-machine.sh [COMMIT]       default HEAD; uncommitted changes are not taken
# Environment: FRESH_DIR (default /var/tmp/ecn-fresh), MIRROR and SECMIRROR (default: the ones
# apt uses here), KEEP=1 keeps the root file system afterwards, RUN_TIMEOUT (seconds `make run`
# may take to print its URLs, default 5400).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
COMMIT=$(git -C "$ROOT" rev-parse "${1:-HEAD}")
FRESH_DIR=${FRESH_DIR:-/var/tmp/ecn-fresh}
RUN_TIMEOUT=${RUN_TIMEOUT:-5400}
target="$FRESH_DIR/root"
logs="$FRESH_DIR/logs"
((EUID == 0)) || { echo "fresh-machine: run as root (mmdebstrap, chroot, mount)" >&2; exit 1; }

apt_uri() {
  grep -h -E "^(URIs:|deb )" /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null |
    grep -E "$1" | head -n 1 | sed -E 's/^URIs: *//; s/^deb (\[[^]]*\] )?//; s/ .*//' || true
}
MIRROR=${MIRROR:-$(apt_uri 'debian/?$|debian ')}
SECMIRROR=${SECMIRROR:-$(apt_uri 'security')}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECMIRROR=${SECMIRROR:-http://deb.debian.org/debian-security}

t0=$(date +%s)
step_start=$t0
step() {
  local now
  now=$(date +%s)
  echo "=== [$(date +%T)] $* (previous step $((now - step_start)) s)"
  step_start=$now
}

# Every process whose root is the new system, then its mounts.
in_target_pids() {
  local link pid
  for link in /proc/[0-9]*/root; do
    pid=${link#/proc/}
    pid=${pid%/root}
    [[ $(readlink "$link" 2>/dev/null) == "$target" ]] && echo "$pid"
  done
  return 0
}
cleanup() {
  local pids
  pids=$(in_target_pids)
  [[ -z $pids ]] || kill -KILL $pids 2>/dev/null || true
  for mount in dev/shm dev/pts dev sys proc; do
    mountpoint -q "$target/$mount" && umount -l "$target/$mount"
  done
  [[ ${KEEP:-0} == 1 ]] && return 0
  # /dev is the host's own, bound in: never remove through a mount that is still there.
  if grep -q " $target/" /proc/mounts; then
    echo "fresh-machine: still mounted under $target, not removing it" >&2
    return 0
  fi
  rm -rf --one-file-system "$target"
}

command -v mmdebstrap >/dev/null || {
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap
}
mkdir -p "$logs"
cleanup
trap cleanup EXIT

step "1. a Debian bookworm root file system with git and make (mmdebstrap, $MIRROR)"
sources="Types: deb
URIs: $MIRROR
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $SECMIRROR
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
"
mmdebstrap --variant=minbase --include=git,make \
  --customize-hook='rm -f "$1/etc/apt/sources.list"' \
  --customize-hook="printf '%s' '$sources' > \"\$1/etc/apt/sources.list.d/debian.sources\"" \
  bookworm "$target" "$MIRROR" >"$logs/mmdebstrap.log" 2>&1 ||
  { tail -n 30 "$logs/mmdebstrap.log"; exit 1; }
# The network's own certificate authorities, as every machine here has them: update-ca-certificates
# picks them up when bootstrap installs ca-certificates.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  mkdir -p "$target/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$target/usr/local/share/ca-certificates/"
fi
cp -L /etc/resolv.conf "$target/etc/resolv.conf"
echo "packages in the new system: $(chroot "$target" dpkg-query -W -f='${binary:Package}\n' | wc -l)"
for tool in node java mvn cmake g++ clang psql redis-server chromium; do
  chroot "$target" sh -c "command -v $tool" >/dev/null && { echo "fresh-machine: $tool is already in the new system" >&2; exit 1; }
done
echo "none of node, java, mvn, cmake, g++, clang, psql, redis-server, chromium is there"

step "2. git clone at $COMMIT"
git clone -q --no-local "$ROOT" "$target/work/main"
git -C "$target/work/main" checkout -q --detach "$COMMIT"
git -C "$target/work/main" log --oneline -1

mount -t proc proc "$target/proc"
mount -t sysfs sysfs "$target/sys"
mount --bind /dev "$target/dev"
mount -t devpts devpts "$target/dev/pts" -o newinstance,ptmxmode=0666
mount -t tmpfs tmpfs "$target/dev/shm" -o mode=1777
# A clean environment, but for where the network's CA certificates are.
fresh_env=(HOME=/root TERM=dumb LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
for name in NODE_EXTRA_CA_CERTS SSL_CERT_FILE SSL_CERT_DIR CURL_CA_BUNDLE GIT_SSL_CAINFO \
  REQUESTS_CA_BUNDLE PIP_CERT; do
  [[ -n ${!name:-} ]] && fresh_env+=("$name=${!name}")
done
echo "environment in the new system: ${fresh_env[*]}"

step "3. make run (bootstrap, build, servers, services), until it prints the URLs"
# A background job of a script starts with SIGINT ignored, and a shell cannot trap a signal it
# started with ignored: restore its default first, so the SIGINT below is a terminal's Ctrl-C.
setsid python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])' chroot "$target" /usr/bin/env -i "${fresh_env[@]}" \
  bash -c 'cd /work/main && exec make run' >"$logs/make-run.log" 2>&1 </dev/null &
run_pid=$!
deadline=$(($(date +%s) + RUN_TIMEOUT))
until grep -q '^Press Ctrl-C to stop everything' "$logs/make-run.log"; do
  if ! kill -0 "$run_pid" 2>/dev/null; then
    echo "fresh-machine: make run ended before printing its URLs:" >&2
    tail -n 40 "$logs/make-run.log" >&2
    exit 1
  fi
  if (($(date +%s) > deadline)); then
    echo "fresh-machine: make run printed no URLs in ${RUN_TIMEOUT}s:" >&2
    tail -n 40 "$logs/make-run.log" >&2
    exit 1
  fi
  sleep 5
done
sed -n '/^Infrastructure/,$p' "$logs/make-run.log"
answer=$(curl -s --max-time 10 http://127.0.0.1:8080/graphql -H 'content-type: application/json' \
  -d '{"query":"{ products(first: 1) { nodes { id } } }"}')
echo "gateway answered: $answer"
[[ $answer == '{"data":{"products":{"nodes":'* ]] || { echo "fresh-machine: the gateway did not answer" >&2; exit 1; }
kill -INT -- "-$run_pid"
for _ in $(seq 1 60); do kill -0 "$run_pid" 2>/dev/null || break; sleep 1; done
if kill -0 "$run_pid" 2>/dev/null; then
  echo "fresh-machine: make run did not stop within 60 s of Ctrl-C" >&2
  exit 1
fi
left=$(in_target_pids)
if [[ -n $left ]]; then
  echo "fresh-machine: still running after Ctrl-C:" >&2
  for pid in $left; do echo "  $pid $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" >&2; done
  exit 1
fi
tail -n 3 "$logs/make-run.log"
if grep -q "^service .* exited" "$logs/make-run.log"; then
  echo "fresh-machine: a service died before Ctrl-C stopped it" >&2
  exit 1
fi

step "4. make test, in a network namespace of its own"
# Loopback, plus a veth pair that carries nothing: Chromium reports a machine with no interface
# but loopback as offline (navigator.onLine false), and the web app then keeps its live feed
# closed, as it should for a shopper without a network.
netns_setup='ip link set lo up && ip link add ecn0 type veth peer name ecn1 &&
  ip addr add 169.254.77.1/16 dev ecn0 && ip link set ecn0 up && ip link set ecn1 up'
rc=0
unshare --net chroot "$target" /usr/bin/env -i "${fresh_env[@]}" \
  bash -c "$netns_setup && cd /work/main && make test" >"$logs/make-test.log" 2>&1 </dev/null || rc=$?
tail -n 25 "$logs/make-test.log"
step "done"
echo "fresh-machine: commit $COMMIT, $(( $(date +%s) - t0 )) s in all; logs in $logs"
if ((rc == 0)); then echo "fresh-machine: PASSED"; else echo "fresh-machine: FAILED (make test exit $rc)"; fi
exit "$rc"
