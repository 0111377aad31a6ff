# Flags of the WebAssembly build (Debian's emscripten 3.1.6, clang 14 underneath).
# Included from cmake/dependencies.cmake before any target exists, so that kp_engine, the tests,
# the tools and the web module are all compiled the same way; tests/CMakeLists.txt includes it
# again for kp_wasm_node_test() (the guard makes that a no-op).
include_guard(GLOBAL)

# One exception mode for the project and its dependencies: yaml-cpp reports parse errors by
# throwing, and a mix of modes fails at link time or aborts at the first throw. Native wasm
# exceptions are faster and smaller than the JavaScript-based -fexceptions; node 20 and Chromium
# run them. tools/deps/build-wasm-deps.sh reads the next line to build yaml-cpp the same way.
set(KP_WASM_EXCEPTION_FLAG "-fwasm-exceptions")

# emscripten's link step runs acorn under node; Debian installs acorn in /usr/share/nodejs,
# which node only searches through NODE_PATH. Set it on every link, so that a plain `ninja`
# in the build folder works as well as `cmake --build --preset wasm`.
if(NOT CMAKE_CXX_LINKER_LAUNCHER)
  set(CMAKE_CXX_LINKER_LAUNCHER ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
endif()

add_compile_options(${KP_WASM_EXCEPTION_FLAG})
add_link_options(
  ${KP_WASM_EXCEPTION_FLAG}
  -sALLOW_MEMORY_GROWTH=1
  # The engine recurses on nested YAML/JSON; 3.1.6 spells the stack setting TOTAL_STACK
  # (STACK_SIZE came later). It must fit in the initial memory. This is only the C++ stack in
  # linear memory: wasm call depth is also bounded by the JavaScript engine's own stack (V8's
  # default, about 1 MB: nlohmann::json::dump() of 4000 nested arrays works, of 5000 fails in
  # Chromium (6000 in node 20) with "RangeError: Maximum call stack size exceeded", which C++
  # cannot catch). The node-hosted tests keep node's default on purpose, to stay close to the
  # browser's limit.
  -sTOTAL_STACK=16777216
  -sINITIAL_MEMORY=67108864)

# kp_wasm_node_executable(<target>): <target>.js runs under node and sees the real file system
# (tests read tests/golden and ../shared/corpus by absolute path) and the real environment
# variables; main()'s return value becomes the process exit code.
function(kp_wasm_node_executable target)
  set(pre_js ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/node_env_pre.js)
  target_link_options(${target} PRIVATE
    -sENVIRONMENT=node -sNODERAWFS=1 -sEXIT_RUNTIME=1
    # Read the .wasm synchronously with fs instead of fetch(), which node 20 offers but
    # cannot use on a file path (the ctest command also passes --no-experimental-fetch).
    -sWASM_ASYNC_COMPILATION=0
    "SHELL:--pre-js ${pre_js}")
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${pre_js})
endfunction()

# kp_wasm_node_test(<target> [args...]): registers `node --no-experimental-fetch <target>.js`
# as a ctest test, so `ctest --preset wasm` runs the Catch2 suite compiled to WebAssembly.
function(kp_wasm_node_test target)
  kp_wasm_node_executable(${target})
  find_program(KP_NODE_EXECUTABLE node REQUIRED)
  add_test(NAME ${target}
           COMMAND ${KP_NODE_EXECUTABLE} --no-experimental-fetch $<TARGET_FILE:${target}> ${ARGN})
  set_tests_properties(${target} PROPERTIES TIMEOUT 1800)
endfunction()
