# SPDX-License-Identifier: Apache-2.0
# Warnings for our own targets only (third-party headers are SYSTEM includes).
add_library(hf_warnings INTERFACE)
target_compile_options(hf_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wnon-virtual-dtor -Wimplicit-fallthrough
  -Werror=unused-result -Werror=return-type)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # g++ 12 false positives in libstdc++ under -O2 (std::string / std::vector inlining).
  target_compile_options(hf_warnings INTERFACE -Wshadow=local -Wno-restrict -Wno-array-bounds -Wno-stringop-overflow)
endif()

if(HF_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
