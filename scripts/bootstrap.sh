#!/usr/bin/env bash
# Installs everything the project needs on Debian bookworm (or a derivative), idempotently:
# the build toolchain and libraries, PostgreSQL 15, Redis, Java 17 + Maven, and a real Apache Kafka
# broker assembled from Maven Central into .deps/kafka/. Runs as root or through sudo. Packages
# already present are not touched and apt is not even updated when nothing is missing.
#
#   scripts/bootstrap.sh            everything (build + servers)
#   scripts/bootstrap.sh --build    only what compiling needs (the container build stage)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODE=${1:-all}
case "$MODE" in all | --all) MODE=all ;; --build) MODE=build ;; *) echo "usage: $0 [--build]" >&2; exit 2 ;; esac

BUILD_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git ca-certificates clang-format
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-system1.81-dev
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libpqxx-dev libpq-dev libhiredis-dev librdkafka-dev libjwt-dev libsodium-dev
  libspdlog-dev libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev
)
SERVER_PACKAGES=(
  # Debian's Chromium, driven headless by playwright-core in the web app's browser tests.
  chromium
  postgresql-15 postgresql-client-15 redis-server redis-tools
  openjdk-17-jre-headless maven docker-compose
  # clang with its sanitizer and libFuzzer runtime: scripts/fuzz.sh builds the parser's fuzz target.
  clang libclang-rt-14-dev
  wrk
  # ss: scripts/infra.sh names what holds a port a server cannot bind.
  iproute2
)

if ((EUID == 0)); then
  SUDO=()
elif command -v sudo >/dev/null; then
  SUDO=(sudo)
else
  echo "bootstrap: run as root or install sudo" >&2
  exit 1
fi

missing=()
wanted=("${BUILD_PACKAGES[@]}")
[[ $MODE == all ]] && wanted+=("${SERVER_PACKAGES[@]}")
for pkg in "${wanted[@]}"; do
  if [[ $(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null) != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done
# Node.js runs test tools and the web build; many machines bring their own newer one.
if [[ $MODE == all ]] && ! command -v node >/dev/null; then missing+=(nodejs npm); fi

if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # Debian's packages start system-wide servers on the default ports (5432, 6379), which
  # `make run` needs for its own project-local ones: stop them and keep them from starting.
  for service in redis-server postgresql; do
    [[ " ${missing[*]} " == *" $service"* ]] || continue
    if [[ -d /run/systemd/system ]]; then
      "${SUDO[@]}" systemctl disable --now "$service" >/dev/null 2>&1 || true
    elif [[ -x /etc/init.d/$service ]]; then
      "${SUDO[@]}" /etc/init.d/"$service" stop >/dev/null 2>&1 || true
      "${SUDO[@]}" update-rc.d "$service" disable >/dev/null 2>&1 || true
    fi
  done
else
  echo "bootstrap: system packages present"
fi

# Node.js 20.19 or newer: Vite 8, playwright-core and graphql-ws need it, and Debian bookworm's
# own nodejs is 18. Where the machine has nothing newer, the official build comes from the npm
# registry, whose node-linux-<arch> package carries the binary, into /usr/local (ahead of
# /usr/bin on PATH).
NODE_MINIMUM=20.19.0
NODE_FALLBACK=20.20.2
node_version() { node -p process.versions.node 2>/dev/null || echo 0; }
if [[ $MODE == all ]] &&
  [[ $(printf '%s\n' "$NODE_MINIMUM" "$(node_version)" | sort -V | head -n 1) != "$NODE_MINIMUM" ]]; then
  case $(uname -m) in x86_64) node_arch=x64 ;; aarch64) node_arch=arm64 ;; *) node_arch=$(uname -m) ;; esac
  echo "bootstrap: node $(node_version) is older than $NODE_MINIMUM: installing node-linux-$node_arch@$NODE_FALLBACK into /usr/local"
  "${SUDO[@]}" npm install --global --prefix /usr/local --no-audit --no-fund --loglevel=error \
    "node-linux-$node_arch@$NODE_FALLBACK"
  hash -r
  [[ $(printf '%s\n' "$NODE_MINIMUM" "$(node_version)" | sort -V | head -n 1) == "$NODE_MINIMUM" ]] || {
    echo "bootstrap: node is still $(node_version) ($(command -v node)); Node.js $NODE_MINIMUM or newer is needed" >&2
    exit 1
  }
fi

[[ $MODE == all ]] || exit 0

# Apache Kafka (KRaft broker) from Maven Central: the same artifacts Java test suites embed.
KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$ROOT/scripts/kafka/pom.xml")
KAFKA_LIBS="$ROOT/.deps/kafka/libs"
if [[ -f $KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar && -f $ROOT/.deps/kafka/pom.xml ]] &&
  cmp -s "$ROOT/scripts/kafka/pom.xml" "$ROOT/.deps/kafka/pom.xml"; then
  echo "bootstrap: kafka $KAFKA_VERSION present in .deps/kafka"
else
  echo "bootstrap: assembling kafka $KAFKA_VERSION from Maven Central into .deps/kafka"
  rm -rf "$KAFKA_LIBS.tmp"
  mvn -B -q -f "$ROOT/scripts/kafka/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIBS.tmp"
  [[ -f $KAFKA_LIBS.tmp/kafka_2.13-$KAFKA_VERSION.jar ]] || {
    echo "bootstrap: maven did not deliver kafka_2.13-$KAFKA_VERSION.jar" >&2
    exit 1
  }
  rm -rf "$KAFKA_LIBS"
  mv "$KAFKA_LIBS.tmp" "$KAFKA_LIBS"
  cp "$ROOT/scripts/kafka/pom.xml" "$ROOT/.deps/kafka/pom.xml"
  # Maven leaves its target/ next to the pom; keep the source tree clean.
  rm -rf "$ROOT/scripts/kafka/target"
fi

# Node.js packages of the test tools, exactly as locked; reinstalled only when the lock changes.
if [[ -f $ROOT/package-lock.json ]]; then
  if cmp -s "$ROOT/package-lock.json" "$ROOT/node_modules/.ecn-package-lock.json"; then
    echo "bootstrap: node packages present"
  else
    echo "bootstrap: npm ci"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$ROOT/package-lock.json" "$ROOT/node_modules/.ecn-package-lock.json"
  fi
fi

echo "bootstrap: done"
