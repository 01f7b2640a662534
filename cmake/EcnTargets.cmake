# Project-wide target helpers: warnings, sanitizers and test registration in one place.

set(ECN_WARNINGS -Wall -Wextra -Werror -Wpedantic -Wno-missing-field-initializers)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  # GCC 12 at -O3 reports std::string concatenation as overlapping memcpy (GCC bug 105329),
  # which fails every Release build under -Werror; GCC 13 fixed it.
  list(APPEND ECN_WARNINGS -Wno-restrict)
endif()
set(ECN_SANITIZER_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
# GCC 12 reports maybe-uninitialized false positives inside <regex> and Boost once ASan
# instruments them; the plain build keeps the warning.
set(ECN_SANITIZER_WARNINGS -Wno-maybe-uninitialized)

# Applies our warning set (and sanitizers when enabled) to a target we own.
function(ecn_configure_target target)
  target_compile_options(${target} PRIVATE ${ECN_WARNINGS})
  if(ECN_SANITIZE)
    target_compile_options(${target} PRIVATE ${ECN_SANITIZER_FLAGS} ${ECN_SANITIZER_WARNINGS})
    target_link_options(${target} PRIVATE ${ECN_SANITIZER_FLAGS})
  endif()
endfunction()

# ecn_add_library(<name> SOURCES ... [PUBLIC_LIBS ...] [PRIVATE_LIBS ...])
# Creates ecn_<name> with alias ecn::<name>, headers under include/.
function(ecn_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
  add_library(ecn_${name} STATIC ${ARG_SOURCES})
  add_library(ecn::${name} ALIAS ecn_${name})
  target_include_directories(ecn_${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)
  target_link_libraries(ecn_${name} PUBLIC ${ARG_PUBLIC_LIBS} PRIVATE ${ARG_PRIVATE_LIBS})
  ecn_configure_target(ecn_${name})
endfunction()

# Where the test servers of `make test` listen. Compiled into ecn_testing as defaults (an
# environment variable of the same name overrides each at run time), so a test binary run by hand
# finds them as well as one run by ctest.
set(ECN_TEST_PG_URL "postgresql://postgres@127.0.0.1:25432/postgres" CACHE STRING "Admin URL of the test PostgreSQL")
set(ECN_TEST_KAFKA_BROKERS "127.0.0.1:29092" CACHE STRING "Bootstrap servers of the test Kafka")
set(ECN_TEST_REDIS_URL "redis://127.0.0.1:26379" CACHE STRING "URL of the test Redis")
set(ECN_TEST_INFRA_ENV "INFRA_PROFILE=test" CACHE STRING "Environment for scripts/infra.sh in fault tests")

# ecn_add_test(<name> LABEL unit|integration|fault SOURCES ... [LIBS ...] [TIMEOUT s])
# unit: pure logic, no servers. integration: talks to the test servers. fault: stops and
# starts the real servers, so it runs alone (RUN_SERIAL) and never beside another test.
function(ecn_add_test name)
  if(NOT ECN_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "LABEL;TIMEOUT" "SOURCES;LIBS" ${ARGN})
  if(NOT ARG_LABEL)
    message(FATAL_ERROR "ecn_add_test(${name}): LABEL unit|integration|fault is required")
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gmock GTest::gtest_main)
  ecn_configure_target(${name})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  set(props LABELS ${ARG_LABEL} TIMEOUT ${ARG_TIMEOUT})
  if(ARG_LABEL STREQUAL "fault")
    list(APPEND props RUN_SERIAL TRUE)
  endif()
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST PROPERTIES ${props})
endfunction()
