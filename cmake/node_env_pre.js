// Prepended to node-hosted wasm programs (see kp_wasm_node_executable in cmake/emscripten.cmake).
// emscripten's getenv() sees a fixed, browser-like environment; copy node's real one into it so
// that KP_SOURCE_DIR, KP_CORPUS_DIR and friends work as in the native binaries.
Module['preRun'] = Module['preRun'] || [];
Module['preRun'].push(function () {
  if (typeof ENV !== 'undefined') Object.assign(ENV, process.env);
});
