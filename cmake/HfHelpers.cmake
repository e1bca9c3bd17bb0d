# SPDX-License-Identifier: Apache-2.0
# hf_library(name SOURCES ... [DEPS ...] [PRIVATE_DEPS ...])  -> target hf_<name>, alias hf::<name>
# hf_test(name SOURCES ... [DEPS ...] [LABELS ...])           -> one gtest binary per module
# hf_bench(name SOURCES ... [DEPS ...])                        -> Google Benchmark program
# hf_fuzzer(name SOURCES ... [DEPS ...])                       -> libFuzzer target (HF_BUILD_FUZZ)
include_guard(GLOBAL)

function(hf_library name)
  cmake_parse_arguments(A "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(hf_${name} STATIC ${A_SOURCES})
  add_library(hf::${name} ALIAS hf_${name})
  target_include_directories(hf_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(hf_${name} PUBLIC ${A_DEPS} PRIVATE ${A_PRIVATE_DEPS} hf_warnings)
endfunction()

# WHOLE: run the binary as one ctest instead of one per TEST (for suites that share an
# expensive fixture, e.g. indexing the real lists once).
function(hf_test name)
  cmake_parse_arguments(A "WHOLE" "" "SOURCES;DEPS;LABELS" ${ARGN})
  if(NOT A_LABELS)
    set(A_LABELS unit)
  endif()
  add_executable(${name}_test ${A_SOURCES})
  target_link_libraries(${name}_test PRIVATE ${A_DEPS} hf::test_support GTest::gtest GTest::gtest_main hf_warnings)
  if(A_WHOLE)
    add_test(NAME ${name}_test COMMAND ${name}_test WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(${name}_test PROPERTIES LABELS "${A_LABELS}")
  else()
    gtest_discover_tests(${name}_test
      WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
      PROPERTIES LABELS "${A_LABELS}"
      DISCOVERY_TIMEOUT 60)
  endif()
endfunction()

function(hf_bench name)
  cmake_parse_arguments(A "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name}_bench ${A_SOURCES})
  target_link_libraries(${name}_bench PRIVATE ${A_DEPS} benchmark::benchmark hf_warnings)
endfunction()

function(hf_fuzzer name)
  cmake_parse_arguments(A "" "" "SOURCES;DEPS" ${ARGN})
  if(NOT HF_BUILD_FUZZ)
    return()
  endif()
  add_executable(${name}_fuzzer ${A_SOURCES})
  target_compile_options(${name}_fuzzer PRIVATE -fsanitize=fuzzer)
  target_link_options(${name}_fuzzer PRIVATE -fsanitize=fuzzer)
  target_link_libraries(${name}_fuzzer PRIVATE ${A_DEPS})
endfunction()
