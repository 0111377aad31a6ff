// Loads the engine module (kubeplay_web.js, built by web/CMakeLists.txt), opens the terminal on
// it and starts the virtual clock. The engine answers kp_version(), kp_eval(script),
// kp_is_complete(text), kp_advance(ms), kp_now_ms(), kp_next_timer_ms() and kp_view().
'use strict';

(function () {
  const versionLine = document.getElementById('version');
  if (typeof createKubeplayModule !== 'function' || typeof Terminal !== 'function') {
    versionLine.textContent = 'Could not load the page scripts.';
    return;
  }
  const canvas = document.getElementById('canvas');
  createKubeplayModule({ canvas: canvas }).then(function (engine) {
    versionLine.textContent = engine.kp_version();
    versionLine.classList.remove('muted');
    const terminal = new KubeplayTerminal(document.getElementById('terminal'), engine);
    const clock = new KubeplayClock(engine, {
      play: document.getElementById('time-play'),
      step: document.getElementById('time-step'),
      skip: document.getElementById('time-skip'),
      speeds: Array.from(document.querySelectorAll('#time-controls [data-speed]')),
      time: document.getElementById('virtual-time'),
    });
    terminal.onCommand = () => clock.show();
    // For the browser tests and the lessons: the engine, the terminal, the clock, and the
    // visualizer's view of the cluster (the same snapshot it draws) as plain data.
    window.kubeplay = {
      engine: engine,
      terminal: terminal,
      clock: clock,
      view: () => JSON.parse(engine.kp_view()),
      explain: (kind, namespace, name) => JSON.parse(engine.kp_explain(kind, namespace, name)),
      visualizer: {
        selection: () => JSON.parse(engine.kp_selection()),
        podPosition: (namespace, name) => JSON.parse(engine.kp_map_pod_position(namespace, name)),
      },
    };
    // The lesson panel and the language switch (lessons.js, i18n.js).
    const language = document.getElementById('language');
    language.value = KubeplayI18n.language();
    document.documentElement.lang = language.value === 'zh' ? 'zh-CN' : 'en';
    KubeplayI18n.translatePage();
    language.addEventListener('change', () => KubeplayI18n.setLanguage(language.value));
    window.kubeplay.lessons = new KubeplayLessons(document.getElementById('lesson-panel'), engine, terminal, KubeplayI18n);
    document.body.dataset.ready = 'true';
    terminal.term.focus();
  }, function (error) {
    versionLine.textContent = 'The engine failed to start: ' + error;
  });
})();
