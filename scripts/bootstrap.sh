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
  openjdk-17-jre-headless maven clang docker-compose
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
  # The Debian package starts system-wide servers on the default ports; ours are project-local.
  if [[ " ${missing[*]} " == *" redis-server "* ]] && command -v systemctl >/dev/null; then
    "${SUDO[@]}" systemctl disable --now redis-server >/dev/null 2>&1 || true
  fi
else
  echo "bootstrap: system packages present"
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
