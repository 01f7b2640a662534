# Every workflow of the project behind one word. `make run` and `make test` work on a fresh
# Debian machine: they bootstrap what is missing first.
SHELL := /bin/bash
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
CMAKE_FLAGS ?=
SERVICES := user product order notification gateway

.PHONY: all bootstrap configure build test unit-test fuzz run infra-up infra-down infra-status \
        infra-reset format clean $(addprefix run-,$(SERVICES))

all: build

bootstrap: .deps/bootstrap.stamp

# Re-run when the dependency list or the broker's pom changes; cheap when all is present.
.deps/bootstrap.stamp: scripts/bootstrap.sh scripts/kafka/pom.xml package-lock.json
	bash scripts/bootstrap.sh
	@mkdir -p .deps && touch $@

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

configure: bootstrap
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

build: bootstrap $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR)

# The whole suite against real PostgreSQL, Redis and Kafka started on the test ports.
test: build
	BUILD_DIR=$(BUILD_DIR) bash scripts/test.sh

# Only the tests that need no server.
unit-test: build
	ctest --test-dir $(BUILD_DIR) -L unit --output-on-failure -j2

# The GraphQL parser under libFuzzer (clang, its own build dir), FUZZ_SECONDS long (default 30).
fuzz: bootstrap
	bash scripts/fuzz.sh

run: build
	BUILD_DIR=$(BUILD_DIR) bash scripts/run-all.sh

$(addprefix run-,$(SERVICES)): run-%: build
	BUILD_DIR=$(BUILD_DIR) bash scripts/run-service.sh $*

infra-up: bootstrap
	bash scripts/infra.sh start

infra-down:
	bash scripts/infra.sh stop

infra-status:
	bash scripts/infra.sh status

infra-reset:
	bash scripts/infra.sh reset

format:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)
