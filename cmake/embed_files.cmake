# kp_embed_files(<out_cpp> <symbol> <base_dir> <files...>)
# Generates a .cpp that defines `const kp::EmbeddedFile <symbol>[]` (path relative to base_dir,
# content) and `<symbol>Count`, so data files (schemas, lesson YAML) ship inside the binary and
# the WASM module alike. Regenerated when any listed file changes.
function(kp_embed_files out_cpp symbol base_dir)
  set(files ${ARGN})
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cpp} -DSYMBOL=${symbol} -DBASE=${base_dir}
            "-DFILES=${files}" -P ${PROJECT_SOURCE_DIR}/cmake/embed_files_run.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/embed_files_run.cmake
    COMMENT "Embedding ${symbol}"
    VERBATIM)
endfunction()
