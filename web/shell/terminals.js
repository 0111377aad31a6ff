// Terminal tabs: a second terminal for commands that keep theirs (kubectl get -w, minikube
// tunnel, minikube dashboard), as the tutorials say "open a new terminal". Each tab is its own
// shell in the engine over the same cluster, home folder and ~/.minikube. The lessons, the
// visualizer's buttons and the tests talk to the active tab through this object.
'use strict';

// exported: KubeplayTerminals
// eslint-disable-next-line no-unused-vars
class KubeplayTerminals {
  static get maxTabs() { return 4; }

  constructor(bar, box, engine, i18n) {
    this.bar = bar;
    this.box = box;
    this.engine = engine;
    this.i18n = i18n;
    this.tabs = [];
    this.active = 0;
    this.onCommand = null;
    this.addButton = document.createElement('button');
    this.addButton.type = 'button';
    this.addButton.className = 'tab-add';
    this.addButton.textContent = '+';
    this.addButton.addEventListener('click', () => this.select(this.add()));
    this.bar.appendChild(this.addButton);
    i18n.onChange(() => this.renderBar());
  }

  get terminal() { return this.tabs[this.active]; }
  get term() { return this.terminal.term; }

  // Opens a tab (without a prompt when `quiet`: a restored session prints first). Returns its index.
  add(quiet) {
    if (this.tabs.length >= KubeplayTerminals.maxTabs) return this.tabs.length - 1;
    const index = this.tabs.length;
    const element = document.createElement('div');
    element.className = 'terminal-pane';
    element.setAttribute('aria-label', 'terminal ' + (index + 1));
    this.box.appendChild(element);
    const terminal = new KubeplayTerminal(element, this.engine, index);
    terminal.element = element;
    terminal.onCommand = (line) => { this.renderBar(); if (this.onCommand) this.onCommand(line); };
    this.tabs.push(terminal);
    if (!quiet) terminal.prompt();
    this.select(index);
    return index;
  }

  select(index) {
    this.active = index;
    this.tabs.forEach((t, i) => { t.element.hidden = i !== index; });
    this.renderBar();
    const terminal = this.terminal;
    terminal.fit.fit();
    terminal.term.focus();
  }

  renderBar() {
    for (const b of Array.from(this.bar.querySelectorAll('.tab'))) b.remove();
    this.tabs.forEach((t, i) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'tab' + (i === this.active ? ' active' : '') + (t.busy ? ' busy' : '');
      b.textContent = this.i18n.t('terminal.tab', { n: i + 1 }) + (t.busy ? ' \u25CF' : '');
      b.title = t.busy ? this.i18n.t('terminal.busy') : '';
      b.setAttribute('aria-pressed', String(i === this.active));
      b.addEventListener('click', () => this.select(i));
      this.bar.insertBefore(b, this.addButton);
    });
    this.addButton.hidden = this.tabs.length >= KubeplayTerminals.maxTabs;
    this.addButton.title = this.i18n.t('terminal.add');
  }

  // Time passed: every tab shows what its commands printed.
  poll() {
    const before = this.tabs.map((t) => t.busy);
    for (const t of this.tabs) t.poll();
    if (this.tabs.some((t, i) => t.busy !== before[i])) this.renderBar();
  }

  // The lessons and the visualizer work on the active tab; a busy one sends a command to the
  // first free tab (opening one if needed), as a learner would.
  free() {
    if (!this.terminal.busy) return this.terminal;
    const index = this.tabs.findIndex((t) => !t.busy);
    this.select(index >= 0 ? index : this.add());
    return this.terminal;
  }

  type(text) { this.free().type(text); }
  paste(text) { this.free().paste(text); }
  runCommand(line) { this.free().runCommand(line); }
  execute(text) { this.free().execute(text); }
}
