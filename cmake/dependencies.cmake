# Third-party dependencies. Nothing is vendored:
#  - native builds use Debian's packages (libyaml-cpp-dev, nlohmann-json3-dev, catch2);
#  - the Emscripten build uses yaml-cpp compiled from Debian's source package into a cache
#    folder outside git (tools/deps/build-wasm-deps.sh), and the same header-only packages
#    reached through a folder of symlinks (the emscripten sysroot does not see /usr/include).

if(EMSCRIPTEN)
  include(${CMAKE_CURRENT_LIST_DIR}/emscripten.cmake)  # flags for every target, before any exists
  set(KP_WASM_DEPS_DIR "$ENV{KP_WASM_DEPS_DIR}" CACHE PATH "Prefix of the WASM builds of yaml-cpp and imgui")
  if(NOT KP_WASM_DEPS_DIR)
    # Fall back to where tools/deps/build-wasm-deps.sh puts them by default.
    if(DEFINED ENV{KP_CACHE_DIR})
      set(kp_default_deps "$ENV{KP_CACHE_DIR}/wasm-deps")
    else()
      set(kp_default_deps "$ENV{HOME}/.cache/kubeplay/wasm-deps")
    endif()
    if(EXISTS "${kp_default_deps}/lib/libyaml-cpp.a")
      set(KP_WASM_DEPS_DIR "${kp_default_deps}" CACHE PATH "Prefix of the WASM builds of yaml-cpp and imgui" FORCE)
    endif()
  endif()
  if(NOT KP_WASM_DEPS_DIR)
    message(FATAL_ERROR "KP_WASM_DEPS_DIR is not set: run tools/deps/build-wasm-deps.sh first")
  endif()
  add_library(kp_yaml_cpp STATIC IMPORTED GLOBAL)
  set_target_properties(kp_yaml_cpp PROPERTIES
    IMPORTED_LOCATION "${KP_WASM_DEPS_DIR}/lib/libyaml-cpp.a"
    INTERFACE_INCLUDE_DIRECTORIES "${KP_WASM_DEPS_DIR}/include")
  add_library(kp_header_only INTERFACE)
  target_include_directories(kp_header_only SYSTEM INTERFACE "${KP_WASM_DEPS_DIR}/sysinclude")
  add_library(kp_json ALIAS kp_header_only)
  set(KP_YAML_TARGET kp_yaml_cpp)
  set(KP_JSON_TARGET kp_header_only)
else()
  find_package(yaml-cpp REQUIRED)
  find_package(nlohmann_json 3.10 REQUIRED)
  set(KP_YAML_TARGET yaml-cpp)
  set(KP_JSON_TARGET nlohmann_json::nlohmann_json)
endif()
