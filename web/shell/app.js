// Loads the engine module (kubeplay_web.js, built by web/CMakeLists.txt) and opens the terminal
// on it. The engine answers kp_version(), kp_eval(script) and kp_is_complete(text).
'use strict';

(function () {
  const versionLine = document.getElementById('version');
  if (typeof createKubeplayModule !== 'function' || typeof Terminal !== 'function') {
    versionLine.textContent = 'Could not load the page scripts.';
    return;
  }
  createKubeplayModule().then(function (engine) {
    versionLine.textContent = engine.kp_version();
    versionLine.classList.remove('muted');
    const terminal = new KubeplayTerminal(document.getElementById('terminal'), engine);
    window.kubeplay = { engine: engine, terminal: terminal };  // for the browser tests
    document.body.dataset.ready = 'true';
    terminal.term.focus();
  }, function (error) {
    versionLine.textContent = 'The engine failed to start: ' + error;
  });
})();
