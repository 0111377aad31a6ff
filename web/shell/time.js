// The page's virtual time: it follows wall time (requestAnimationFrame) at 1x, 5x or 20x, and can
// be paused, stepped by one second, or moved to the cluster's next timer. The engine only moves
// when told (kp_advance); typed commands such as `sleep 30` move it too.
'use strict';

// exported: KubeplayClock
// eslint-disable-next-line no-unused-vars
class KubeplayClock {
  constructor(engine, elements) {
    this.engine = engine;
    this.speed = 1;
    this.paused = false;
    this.last = null;
    this.listeners = [];
    this.el = elements;
    elements.play.addEventListener('click', () => this.setPaused(!this.paused));
    elements.step.addEventListener('click', () => this.advance(1000));
    elements.skip.addEventListener('click', () => this.skipToNextEvent());
    for (const b of elements.speeds) b.addEventListener('click', () => this.setSpeed(Number(b.dataset.speed)));
    this.show();
    requestAnimationFrame((t) => this.frame(t));
  }

  // Largest wall-time gap taken into account (a background tab stops requestAnimationFrame).
  static get maxGapMs() { return 250; }

  frame(t) {
    if (this.last !== null && !this.paused) {
      const gap = Math.min(t - this.last, KubeplayClock.maxGapMs);
      this.advance(gap * this.speed);
    }
    this.last = t;
    requestAnimationFrame((next) => this.frame(next));
  }

  advance(ms) {
    const whole = Math.floor(ms + (this.carry || 0));
    this.carry = ms + (this.carry || 0) - whole;
    if (whole > 0) {
      this.engine.kp_advance(whole);
      if (this.onAdvance) this.onAdvance();
    }
    this.show();
  }

  skipToNextEvent() {
    const away = this.engine.kp_next_timer_ms();
    if (away >= 0) {
      this.engine.kp_advance(Math.max(1, Math.ceil(away)));
      if (this.onAdvance) this.onAdvance();
    }
    this.show();
  }

  setPaused(paused) {
    this.paused = paused;
    this.el.play.classList.toggle('paused', paused);
    this.el.play.textContent = paused ? '\u25B6' : '\u275A\u275A';
    this.el.play.setAttribute('aria-pressed', String(paused));
  }

  setSpeed(speed) {
    this.speed = speed;
    for (const b of this.el.speeds) b.classList.toggle('active', Number(b.dataset.speed) === speed);
  }

  // "2025-01-15 10:03:07" (UTC, as the cluster's timestamps).
  show() {
    const text = new Date(this.engine.kp_now_ms()).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '');
    if (text !== this.el.time.textContent) this.el.time.textContent = text;
  }
}
