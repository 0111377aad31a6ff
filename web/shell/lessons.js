// The lesson panel: the lesson list with progress, the current step's text (Markdown rendered
// into DOM nodes, never as HTML), its commands (a click pastes one into the terminal), the goal's
// live check, graded hints, the solution, back/skip/restart. The engine keeps the learner's
// place (engine/lesson/tracker.h through web/lesson_bridge.cpp); progress is kept in
// localStorage. Every command the terminal runs is reported to the tracker.
'use strict';

// exported: KubeplayLessons
// eslint-disable-next-line no-unused-vars
class KubeplayLessons {
  constructor(panel, engine, terminal, i18n) {
    this.panel = panel;
    this.engine = engine;
    this.terminal = terminal;
    this.i18n = i18n;
    this.catalog = JSON.parse(engine.kp_lessons());
    this.progress = JSON.parse(localStorage.getItem('kubeplay.lessons') || '{"current":"","steps":{},"completed":{}}');
    this.hintsShown = 0;
    this.solutionShown = false;
    this.state = null;

    // Every command a terminal runs counts for the current step. What ran since the step began
    // is kept with the progress, so that a goal on a command's output still sees it after a
    // reload (the journal brings the cluster back, not the lesson's transcript).
    this.transcript = JSON.parse(localStorage.getItem('kubeplay.lessonTranscript') || '[]');
    const evaluate = engine.kp_eval.bind(engine);
    engine.kp_eval = (script) => {
      const output = evaluate(script);
      this.record(script, output);
      return output;
    };
    const run = engine.kp_run.bind(engine);
    engine.kp_run = (tab, script) => {
      const result = run(tab, script);
      this.record(script, JSON.parse(result).out);
      return result;
    };
    i18n.onChange(() => this.render());
    // Time passes on its own (pods start, back-offs expire): re-check twice a second.
    this.timer = setInterval(() => this.update(JSON.parse(engine.kp_lesson_poll())), 500);
    const kept = this.transcript;
    this.begin(this.progress.current, this.progress.steps[this.progress.current] || 0, false);
    for (const [command, output] of kept) this.record(command, output);
  }

  // Reports a command to the tracker and keeps it (bounded) for the current step.
  record(command, output) {
    this.transcript.push([command, String(output).slice(-4096)]);
    if (this.transcript.length > 50) this.transcript.shift();
    localStorage.setItem('kubeplay.lessonTranscript', JSON.stringify(this.transcript));
    this.update(JSON.parse(this.engine.kp_lesson_record(command, output)));
  }

  lesson(id) { return this.catalog.find((l) => l.id === id) || null; }
  text(localized) { return localized[this.i18n.language()] || localized.en; }

  save() { localStorage.setItem('kubeplay.lessons', JSON.stringify(this.progress)); }

  // Starts lesson `id` at `step`; a fresh start runs the lesson's setup in the terminal.
  begin(id, step, runSetup) {
    const lesson = this.lesson(id);
    this.progress.current = lesson ? id : '';
    this.save();
    this.hintsShown = 0;
    this.solutionShown = false;
    this.transcript = [];
    localStorage.removeItem('kubeplay.lessonTranscript');
    this.state = JSON.parse(this.engine.kp_lesson_start(lesson ? id : '', step));
    if (lesson && runSetup) for (const line of lesson.setup) this.terminal.runCommand(line);
    this.render();
  }

  update(state) {
    const moved = !this.state || state.step !== this.state.step || state.lesson !== this.state.lesson;
    const changed = moved || !this.state || state.goal.holds !== this.state.goal.holds ||
      state.goal.description !== this.state.goal.description || state.finished !== this.state.finished;
    this.state = state;
    if (!changed) return;
    if (state.lesson) {
      this.progress.steps[state.lesson] = state.step;
      if (state.finished) this.progress.completed[state.lesson] = true;
      this.save();
    }
    if (moved) {
      this.hintsShown = 0;
      this.solutionShown = false;
      this.transcript = [];  // the new step's transcript starts afresh, as the tracker's does
      localStorage.removeItem('kubeplay.lessonTranscript');
    }
    this.render();
  }

  // --- rendering (DOM nodes and textContent only: lesson and cluster text is never HTML) ---

  el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  button(label, onClick, className) {
    const b = this.el('button', className || '', label);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  // Inline Markdown: `code` and **bold**.
  inline(parent, text) {
    const parts = text.split(/(`[^`]+`|\*\*[^*]+\*\*)/);
    for (const part of parts) {
      if (part.startsWith('`') && part.endsWith('`') && part.length > 1) parent.appendChild(this.el('code', '', part.slice(1, -1)));
      else if (part.startsWith('**') && part.endsWith('**') && part.length > 3) parent.appendChild(this.el('strong', '', part.slice(2, -2)));
      else if (part) parent.appendChild(document.createTextNode(part));
    }
  }

  // Block Markdown: paragraphs and "- " lists.
  markdown(text) {
    const box = this.el('div', 'lesson-text');
    let list = null;
    let paragraph = null;
    for (const raw of text.split('\n')) {
      const line = raw.trimEnd();
      if (line.trim() === '') { list = null; paragraph = null; continue; }
      const item = line.match(/^\s*- (.*)$/);
      if (item) {
        paragraph = null;
        if (!list) { list = this.el('ul'); box.appendChild(list); }
        const li = this.el('li');
        this.inline(li, item[1]);
        list.appendChild(li);
        continue;
      }
      if (list && /^\s+\S/.test(line)) { // continuation of a list item
        this.inline(list.lastChild, ' ' + line.trim());
        continue;
      }
      list = null;
      if (!paragraph) { paragraph = this.el('p'); box.appendChild(paragraph); } else paragraph.appendChild(document.createTextNode(' '));
      this.inline(paragraph, line.trim());
    }
    return box;
  }

  command(line) {
    const b = this.button(line, () => this.terminal.paste(line), 'lesson-command');
    b.title = line;
    return b;
  }

  render() {
    const t = (k, v) => this.i18n.t(k, v);
    const panel = this.panel;
    panel.replaceChildren();
    panel.appendChild(this.el('h2', 'lesson-panel-title', t('lessons.title')));

    const select = this.el('select', 'lesson-select');
    select.setAttribute('aria-label', t('lessons.choose'));
    select.appendChild(new Option(t('lessons.free'), ''));
    for (const l of this.catalog) {
      const done = this.progress.completed[l.id] ? '✓ ' : '';
      select.appendChild(new Option(done + l.order + '. ' + this.text(l.title), l.id));
    }
    select.value = this.progress.current;
    select.addEventListener('change', () => this.begin(select.value, 0, true));
    panel.appendChild(select);

    const lesson = this.lesson(this.progress.current);
    if (!lesson || !this.state) return;
    panel.appendChild(this.el('p', 'lesson-summary', this.text(lesson.summary)));
    if (lesson.sandbox || lesson.steps.length === 0) return;

    if (this.state.finished) {
      panel.appendChild(this.el('p', 'lesson-complete', t('lessons.complete')));
      const next = this.catalog[this.catalog.indexOf(lesson) + 1];
      if (next) panel.appendChild(this.button(t('lessons.next', { title: this.text(next.title) }), () => this.begin(next.id, 0, true)));
      panel.appendChild(this.button(t('lessons.restart'), () => this.begin(lesson.id, 0, true)));
      return;
    }
    const index = this.state.step;
    const step = lesson.steps[index];
    panel.appendChild(this.el('p', 'lesson-step-count', t('lessons.step', { n: index + 1, total: lesson.steps.length })));
    panel.appendChild(this.el('h3', 'lesson-step-title', this.text(step.title)));
    panel.appendChild(this.markdown(this.text(step.text)));
    if (step.try.length) {
      panel.appendChild(this.el('p', 'lesson-label', t('lessons.try')));
      const box = this.el('div', 'lesson-commands');
      step.try.forEach((line) => box.appendChild(this.command(line)));
      panel.appendChild(box);
    }
    const check = this.el('p', 'lesson-check ' + (this.state.goal.holds ? 'done' : 'waiting'));
    check.setAttribute('role', 'status');
    const goal = (this.i18n.language() === 'zh' && this.state.goal.descriptionZh) || this.state.goal.description;
    check.textContent = this.state.goal.holds ? t('lessons.done') : t('lessons.waiting', { goal: goal || '…' });
    panel.appendChild(check);

    for (let i = 0; i < this.hintsShown && i < step.hints.length; i++) {
      const hint = this.el('div', 'lesson-hint');
      this.inline(hint, this.text(step.hints[i]));
      panel.appendChild(hint);
    }
    if (this.solutionShown) {
      const box = this.el('div', 'lesson-commands lesson-solution');
      step.solution.forEach((line) => box.appendChild(this.command(line)));
      panel.appendChild(box);
    }
    const actions = this.el('div', 'lesson-actions');
    if (this.hintsShown < step.hints.length) {
      actions.appendChild(this.button(this.hintsShown ? t('lessons.moreHint') : t('lessons.hint'), () => { this.hintsShown++; this.render(); }));
    }
    if (!this.solutionShown) actions.appendChild(this.button(t('lessons.solution'), () => { this.solutionShown = true; this.render(); }));
    if (index > 0) actions.appendChild(this.button(t('lessons.back'), () => this.begin(lesson.id, index - 1, false)));
    actions.appendChild(this.button(t('lessons.skip'), () => this.begin(lesson.id, index + 1, false)));
    actions.appendChild(this.button(t('lessons.restart'), () => this.begin(lesson.id, 0, true)));
    panel.appendChild(actions);
  }
}
