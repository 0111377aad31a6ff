// Loads the engine module (kubeplay_web.js, built by web/CMakeLists.txt) and wires the page to it:
// the version line shows kp_version(), each submitted command line prints kp_eval(line).
'use strict';

(function () {
  const versionLine = document.getElementById('version');
  const form = document.getElementById('command-form');
  const input = document.getElementById('command');
  const button = form.querySelector('button');
  const output = document.getElementById('output');

  function print(text) {
    output.textContent += text.endsWith('\n') ? text : text + '\n';
  }

  if (typeof createKubeplayModule !== 'function') {
    versionLine.textContent = 'Could not load kubeplay_web.js.';
    return;
  }

  createKubeplayModule().then(function (engine) {
    versionLine.textContent = engine.kp_version();
    versionLine.classList.remove('muted');
    input.disabled = false;
    button.disabled = false;
    input.focus();

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      const line = input.value.trim();
      if (line === '') return;
      print('$ ' + line);
      print(engine.kp_eval(line));
      input.value = '';
    });
  }, function (error) {
    versionLine.textContent = 'The engine failed to start: ' + error;
  });
})();
