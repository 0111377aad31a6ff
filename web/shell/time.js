// The page's virtual time: it follows wall time (requestAnimationFrame) at 1x, 5x or 20x, and can
// be paused, stepped by one second, or moved to the cluster's next timer. The engine only moves
// when told (kp_advance); typed commands such as `sleep 30` move it too.
//
// An idle page does not call the engine every frame: the time that passes is owed to the engine
// (`owed`) and handed over (kp_advance, then the terminals' polls) only when the cluster's next
// timer falls due, or when anything else asks the engine (a command, a view, the journal): every
// engine function but the quiet ones below first hands the owed time over, so what they see and
// what the journal records is what advancing every frame gave (advances merge in the journal, and
// nothing in the cluster happens between timers). kp_now_ms and kp_next_timer_ms count the owed
// time without handing it over. While a terminal runs a command (kubectl get -w, logs -f, a
// tunnel) the clock advances every frame as before.
// Flow control: while a terminal's screen is behind (xterm.js has more than
// KubeplayTerminal.backlogLimit characters queued), virtual time waits, so that a command printing
// as time passes cannot queue output without end; it goes on once the screen has caught up.
'use strict';

// exported: KubeplayClock
// eslint-disable-next-line no-unused-vars
class KubeplayClock {
  constructor(engine, elements) {
    this.engine = engine;
    this.speed = 1;
    this.paused = false;
    this.last = null;
    this.owed = 0;            // virtual ms that passed on the page, not yet handed to the engine
    this.busy = () => false;  // a terminal runs a command (app.js): advance every frame
    this.behind = () => false;  // a terminal's screen is behind (app.js): virtual time waits
    this.el = elements;
    this.raw = KubeplayClock.wrap(engine, this);
    elements.play.addEventListener('click', () => this.setPaused(!this.paused));
    elements.step.addEventListener('click', () => this.advance(1000));
    elements.skip.addEventListener('click', () => this.skipToNextEvent());
    for (const b of elements.speeds) b.addEventListener('click', () => this.setSpeed(Number(b.dataset.speed)));
    this.show();
    requestAnimationFrame((t) => this.frame(t));
  }

  // Largest wall-time gap taken into account (a background tab stops requestAnimationFrame).
  static get maxGapMs() { return 250; }

  // Engine functions that neither depend on nor change what time it is, or that run all the time
  // (polls, idle work, statistics): they leave the owed time owed.
  static get quiet() {
    return ['kp_advance', 'kp_now_ms', 'kp_next_timer_ms', 'kp_poll', 'kp_lesson_poll', 'kp_checkpoints_work',
      'kp_checkpoints_state', 'kp_checkpoints_budget', 'kp_frame_stats', 'kp_version', 'kp_is_complete',
      'kp_complete', 'kp_set_theme', 'kp_set_language', 'kp_add_canvas_font', 'kp_canvas_has_glyph'];
  }

  // Makes every engine function but the quiet ones hand the owed time over first; kp_now_ms and
  // kp_next_timer_ms count it. Returns the engine's own functions, by name.
  static wrap(engine, clock) {
    const raw = {};
    for (const name of Object.keys(engine)) {
      const f = engine[name];
      if (!name.startsWith('kp_') || typeof f !== 'function') continue;
      raw[name] = f;
      if (name === 'kp_now_ms') {
        engine[name] = () => f.call(engine) + Math.floor(clock.owed);
      } else if (name === 'kp_next_timer_ms') {
        engine[name] = () => {
          const away = f.call(engine);
          return away < 0 ? away : Math.max(0, away - Math.floor(clock.owed));
        };
      } else if (!KubeplayClock.quiet.includes(name)) {
        engine[name] = function () {
          clock.flush();
          return f.apply(engine, arguments);
        };
      }
    }
    return raw;
  }

  frame(t) {
    if (this.last !== null && !this.paused && !this.behind()) {
      this.owed += Math.min(t - this.last, KubeplayClock.maxGapMs) * this.speed;
      if (this.busy()) {
        this.flush();
      } else if (this.owed >= 1) {
        const away = this.raw.kp_next_timer_ms.call(this.engine);
        if (away >= 0 && Math.floor(this.owed) >= away) this.flush();
      }
    }
    this.last = t;
    this.show();
    requestAnimationFrame((next) => this.frame(next));
  }

  // Hands the owed time (its whole milliseconds) to the engine; the running commands print.
  flush() {
    const whole = Math.floor(this.owed);
    if (whole <= 0 || this.flushing) return;
    this.owed -= whole;
    this.flushing = true;
    try {
      this.raw.kp_advance.call(this.engine, whole);
      if (this.onAdvance) this.onAdvance();
    } finally {
      this.flushing = false;
    }
  }

  advance(ms) {
    this.owed += ms;
    this.flush();
    this.show();
  }

  skipToNextEvent() {
    this.flush();
    const away = this.raw.kp_next_timer_ms.call(this.engine);
    if (away >= 0) this.advance(Math.max(1, Math.ceil(away)));
    this.show();
  }

  setPaused(paused) {
    if (paused) this.flush();  // what the top bar shows is where the cluster stops
    this.paused = paused;
    this.el.play.classList.toggle('paused', paused);
    this.el.play.textContent = paused ? '\u25B6' : '\u275A\u275A';
    this.el.play.setAttribute('aria-pressed', String(paused));
  }

  setSpeed(speed) {
    this.speed = speed;
    for (const b of this.el.speeds) b.classList.toggle('active', Number(b.dataset.speed) === speed);
  }

  // Virtual time as the page shows it (the engine's and the owed part), ms since the Unix epoch.
  nowMs() { return this.raw.kp_now_ms.call(this.engine) + Math.floor(this.owed); }

  // "2025-01-15 10:03:07" (UTC, as the cluster's timestamps).
  show() {
    const second = Math.floor(this.nowMs() / 1000);
    if (second === this.shownSecond) return;
    this.shownSecond = second;
    this.el.time.textContent = new Date(second * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '');
  }
}
