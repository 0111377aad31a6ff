# Compiles through ccache when it is installed (native g++ and em++ alike). Loaded by the presets
# through CMAKE_PROJECT_INCLUDE, so that a plain `cmake --preset ...` gets it without any option.
# The cache lives outside git (ccache's default ~/.cache/ccache). CCACHE_BASEDIR makes the paths
# in compile commands relative and CCACHE_NOHASHDIR leaves the build folder out of the hash, so
# two clones in different folders share the cache (CI builds a fresh clone each run).
find_program(KP_CCACHE ccache)
if(KP_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER /usr/bin/env CCACHE_BASEDIR=${CMAKE_SOURCE_DIR} CCACHE_NOHASHDIR=true ${KP_CCACHE})
endif()
