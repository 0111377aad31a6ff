// Loads the engine module (kubeplay_web.js, built by web/CMakeLists.txt), restores the learner's
// session (persistence.js), opens the terminal tabs on it and starts the virtual clock. The
// engine's functions are listed in web/engine_bridge.cpp.
'use strict';

(function () {
  const versionLine = document.getElementById('version');
  if (typeof createKubeplayModule !== 'function' || typeof Terminal !== 'function') {
    versionLine.textContent = 'Could not load the page scripts.';
    return;
  }
  const canvas = document.getElementById('canvas');
  createKubeplayModule({ canvas: canvas }).then(async function (engine) {
    versionLine.textContent = engine.kp_version();
    versionLine.title = versionLine.textContent;  // the top bar may cut it short
    versionLine.classList.remove('muted');
    // The language first: the terminal tabs are labelled in it.
    const language = document.getElementById('language');
    language.value = KubeplayI18n.language();
    document.documentElement.lang = language.value === 'zh' ? 'zh-CN' : 'en';
    KubeplayI18n.translatePage();
    language.addEventListener('change', () => KubeplayI18n.setLanguage(language.value));
    wireCanvasLanguage(engine);

    const terminals = new KubeplayTerminals(document.getElementById('terminal-tabs'),
      document.getElementById('terminal'), engine, KubeplayI18n);
    const persistence = new KubeplayPersistence(engine, terminals);
    if (!(await persistence.restore())) terminals.add();

    const clock = new KubeplayClock(engine, {
      play: document.getElementById('time-play'),
      step: document.getElementById('time-step'),
      skip: document.getElementById('time-skip'),
      speeds: Array.from(document.querySelectorAll('#time-controls [data-speed]')),
      time: document.getElementById('virtual-time'),
    });
    // Every tick of virtual time: the running commands print; the journal is saved now and then
    // (when the engine's time moved: an idle page hands time over only at the cluster's timers).
    clock.onAdvance = () => terminals.poll();
    clock.busy = () => terminals.tabs.some((t) => t.busy);
    clock.behind = () => terminals.tabs.some((t) => t.behind());
    persistence.engineNowMs = () => clock.raw.kp_now_ms.call(engine);
    setInterval(() => persistence.saveIfTimePassed(), 2000);
    window.addEventListener('pagehide', () => {
      clock.flush();
      persistence.saveIfTimePassed();
    });
    terminals.onCommand = () => {
      clock.show();
      terminals.poll();  // a command in one tab changes what another tab's watch prints
      persistence.save();
    };
    wireSessionControls(persistence);

    // For the browser tests and the lessons: the engine, the terminals, the clock, and the
    // visualizer's view of the cluster (the same snapshot it draws) as plain data.
    window.kubeplay = {
      engine: engine,
      terminals: terminals,
      get terminal() { return terminals; },
      clock: clock,
      persistence: persistence,
      view: () => JSON.parse(engine.kp_view()),
      explain: (kind, namespace, name) => JSON.parse(engine.kp_explain(kind, namespace, name)),
      visualizer: {
        selection: () => JSON.parse(engine.kp_selection()),
        podPosition: (namespace, name) => JSON.parse(engine.kp_map_pod_position(namespace, name)),
        hubs: () => JSON.parse(engine.kp_map_hubs()),
      },
      // The timeline's scrub: the panels show the cluster as it was at virtual time `ms`.
      scrub: {
        to: (ms) => JSON.parse(engine.kp_scrub(ms)),
        live: () => JSON.parse(engine.kp_scrub(-1)),
        step: (direction) => JSON.parse(engine.kp_scrub_step(direction)),
        state: () => JSON.parse(engine.kp_scrub_state()),
        view: () => JSON.parse(engine.kp_shown_view()),
      },
      checkpoints: () => JSON.parse(engine.kp_checkpoints_state()),
    };
    // The lesson panel (lessons.js). Undo starts the current step's transcript afresh, as a reload does.
    const lessons = new KubeplayLessons(document.getElementById('lesson-panel'), engine, terminals, KubeplayI18n);
    window.kubeplay.lessons = lessons;
    persistence.onUndo = () => {
      clock.show();
      lessons.begin(lessons.progress.current, lessons.progress.steps[lessons.progress.current] || 0, false);
    };
    keepCheckpoints(engine);
    document.body.dataset.ready = 'true';
    terminals.terminal.term.focus();
    registerServiceWorker();
    wireTheme(engine, terminals);
  }, function (error) {
    versionLine.textContent = 'The engine failed to start: ' + error;
  });

  // The canvas's own words follow the page's language; in Chinese it needs the CJK font subset
  // (kp-cjk.ttf, made by the build), fetched the first time.
  function wireCanvasLanguage(engine) {
    let fontLoaded = false;
    const apply = (lang) => {
      engine.kp_set_language(lang);
      if (lang !== 'zh' || fontLoaded) return;
      fontLoaded = true;
      fetch('kp-cjk.ttf')
        .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(r.status))))
        .then((bytes) => engine.kp_add_canvas_font(new Uint8Array(bytes)))
        .catch((e) => console.warn('kubeplay: no Chinese font for the canvas:', e.message));
    };
    apply(KubeplayI18n.language());
    KubeplayI18n.onChange(apply);
  }

  // The top bar's theme switch: the page (CSS variables), every terminal and the canvas.
  function wireTheme(engine, terminals) {
    const apply = (theme) => {
      engine.kp_set_theme(theme === 'light');
      for (const t of terminals.tabs) t.term.options.theme = KubeplayTheme.xterm();
    };
    apply(KubeplayTheme.current());
    KubeplayTheme.onChange(apply);
    document.getElementById('theme-toggle').addEventListener('click', () => KubeplayTheme.toggle());
  }

  // Offline use after the first load (sw.js, written by the build). Not on file:// or where the
  // browser has no service workers; a failure only means no offline copy.
  function registerServiceWorker() {
    if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
    navigator.serviceWorker.register('sw.js').catch((e) => console.warn('kubeplay: no offline copy:', e.message));
  }

  function wireSessionControls(persistence) {
    const message = document.getElementById('session-message');
    const say = (key) => {
      message.textContent = KubeplayI18n.t(key);
      setTimeout(() => { if (message.textContent === KubeplayI18n.t(key)) message.textContent = ''; }, 4000);
    };
    document.getElementById('session-undo').addEventListener('click', () => {
      if (!persistence.undo()) say('session.nothingToUndo');
    });
    document.getElementById('session-reset').addEventListener('click', () => {
      if (window.confirm(KubeplayI18n.t('session.resetConfirm'))) persistence.reset();
    });
    document.getElementById('session-share').addEventListener('click', async () => {
      const link = await persistence.shareLink();
      try {
        await navigator.clipboard.writeText(link);
        say('session.shared');
      } catch (e) {
        window.prompt(KubeplayI18n.t('session.shareTitle'), link);
      }
    });
    document.getElementById('session-export').addEventListener('click', () => persistence.exportManifests());
    document.getElementById('session-save').addEventListener('click', () => persistence.exportSession());
    document.getElementById('session-file').addEventListener('change', async (e) => {
      const file = e.target.files[0];
      if (file && !(await persistence.importSession(file))) say('session.badFile');
      e.target.value = '';
    });
  }

  // While the page is idle, the engine brings its undo and scrub checkpoints up with the session
  // (laptops replayed to just before the last commands and to points spread over the session), so
  // that undo and scrubbing back carry on from one instead of replaying the whole session.
  function keepCheckpoints(engine) {
    const later = (f) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(f, { timeout: 1000 }) : setTimeout(f, 50));
    const work = (deadline) => {
      const budget = deadline ? Math.max(1, Math.min(deadline.timeRemaining() - 1, 10)) : 8;
      if (engine.kp_checkpoints_work(budget)) later(work);
      else setTimeout(() => later(work), 500);
    };
    later(work);
  }
})();
