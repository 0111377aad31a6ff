# Compiles through ccache when it is installed (native g++ and em++ alike). Loaded by the presets
# through CMAKE_PROJECT_INCLUDE, so that a plain `cmake --preset ...` gets it without any option.
# The cache lives outside git (ccache's default ~/.cache/ccache).
find_program(KP_CCACHE ccache)
if(KP_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${KP_CCACHE})
endif()
