// The learner's terminal: xterm.js with bash-like line editing on top of the engine's shell.
//   Enter runs the line (or asks for more with "> " while a quote or here-document is open),
//   Up/Down walk the history (kept in localStorage), Left/Right/Home/End/Ctrl+A/Ctrl+E move,
//   Backspace/Delete/Ctrl+U/Ctrl+W edit, Ctrl+C abandons the line, Ctrl+L clears the screen,
//   Tab completes the word (commands, flags, resource types, object names, files: the engine's
//   kp_complete) as bash does: as far as the candidates agree, a second Tab lists them.
//   Ctrl+C with text selected copies it instead; Ctrl+V pastes.
// Pasted text is typed in as if keyed, so a pasted multi-line script runs line by line.
// Each terminal is one tab (its own shell in the engine, kp_run(tab, ...)). A command that keeps
// running (kubectl get -w, minikube tunnel) keeps the terminal: its output arrives by poll()
// as time passes, and Ctrl+C stops it (kp_interrupt).
'use strict';

// exported: KubeplayTerminal
// eslint-disable-next-line no-unused-vars
class KubeplayTerminal {
  constructor(element, engine, tab) {
    this.engine = engine;
    this.tab = tab || 0;
    this.busy = false;          // a command keeps the terminal
    this.queued = 0;            // characters written to xterm.js and not yet parsed (print())
    this.shellPrompt = '$ ';    // the engine's prompt (a container shell has its own)
    this.term = new Terminal({
      cursorBlink: true,
      fontFamily: '"DejaVu Sans Mono", "Noto Sans Mono CJK SC", "KP Emoji", monospace',
      fontSize: 14,
      convertEol: false,
      scrollback: 5000,
      theme: typeof KubeplayTheme === 'object' ? KubeplayTheme.xterm() : { background: '#1e1e1e' },
    });
    this.fit = new FitAddon.FitAddon();
    this.term.loadAddon(this.fit);
    this.term.open(element);
    this.fit.fit();
    window.addEventListener('resize', () => this.fit.fit());

    this.line = '';          // what is being typed
    this.cursor = 0;         // index into this.line
    this.pending = '';       // earlier lines of an unfinished command
    this.history = JSON.parse(localStorage.getItem('kubeplay.history') || '[]');
    this.historyIndex = this.history.length;
    this.term.onData((data) => this.onData(data));
    // Ctrl+C (or Ctrl+Shift+C) with text selected copies it: the key goes to the browser, whose
    // copy xterm.js answers with the selection. Without a selection it is the terminal's Ctrl+C.
    // Ctrl+V (or Ctrl+Shift+V) goes to the browser too, whose paste xterm.js types in.
    this.term.attachCustomKeyEventHandler((e) => {
      if (e.type !== 'keydown' || !e.ctrlKey || e.altKey) return true;
      const key = e.key.toLowerCase();
      return !((key === 'c' && this.term.hasSelection()) || key === 'v');
    });
  }

  static displayWidth(text) {
    let width = 0;
    for (const ch of text) {
      const code = ch.codePointAt(0);
      // East Asian wide and full-width ranges take two cells.
      const wide = (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) ||
        (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) ||
        (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) ||
        (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1f300 && code <= 0x1faff);
      width += wide ? 2 : 1;
    }
    return width;
  }

  promptText() { return this.pending === '' ? KubeplayTerminal.neutralize(this.shellPrompt) : '> '; }

  prompt() {
    this.line = '';
    this.cursor = 0;
    this.term.write(this.promptText());
  }

  // Redraws the edited line and puts the cursor where it belongs.
  redraw() {
    const chars = Array.from(this.line);
    const after = KubeplayTerminal.visible(chars.slice(this.cursor).join(''));
    let out = '\r' + this.promptText() + KubeplayTerminal.visible(this.line) + '\x1b[K';
    const back = KubeplayTerminal.displayWidth(after);
    if (back > 0) out += '\x1b[' + back + 'D';
    this.term.write(out);
  }

  // Long outputs go to xterm.js in pieces: it parses queued writes a few milliseconds per frame,
  // but each write whole: a 5,000-line `-o yaml` written at once held the page for up to ~0.4 s.
  // `queued` counts the characters written and not yet parsed (flow control, see behind()).
  print(text) {
    if (!text) return;
    const out = KubeplayTerminal.neutralize(text).replace(/\r?\n/g, '\r\n');
    const chunk = 16384;  // characters per write
    for (let i = 0; i < out.length; i += chunk) {
      const piece = out.slice(i, i + chunk);
      this.queued += piece.length;
      this.term.write(piece, () => { this.queued -= piece.length; });
    }
  }

  // Characters queued for the screen beyond which the terminal is behind: its running command is
  // not polled and virtual time waits (time.js) until xterm.js has drawn most of them. A real
  // terminal holds a writing process back the same way (a full pty buffer blocks its write).
  static get backlogLimit() { return 1 << 20; }

  behind() { return this.queued > KubeplayTerminal.backlogLimit; }

  // What commands print comes from the cluster (logs, files, names, printf) and may hold escape
  // sequences. Only those that draw are kept: colours and styles (CSI ... m), cursor moves and
  // erases (CSI A-H, J, K: `clear`, progress lines), and the alternate screen (CSI ?1049 h/l:
  // `watch` draws there and Ctrl+C brings the learner's screen back). Everything else could act
  // on the page or type for the learner: OSC strings (window title, OSC 52 clipboard writes, hyperlinks), DCS/APC/PM
  // strings, full resets, mode switches (mouse and focus reports, bracketed paste) and queries
  // (CSI c, CSI 6n) whose replies xterm.js would send back as if keyed. Their ESC is shown as "^["
  // (as `cat -v` does) and the rest as plain text; other control characters but tab, newline,
  // carriage return, backspace and bell are dropped, C1 controls (U+0080-U+009F) too.
  // The line being edited is shown with every control character visible, "^[" for ESC as bash
  // does (a line set by a lesson, a button or a replayed session could hold some).
  static visible(text) {
    return text.replace(/[\x00-\x1f\x7f-\x9f]/g, (ch) => (ch.charCodeAt(0) < 0x80 ? '^' + String.fromCharCode(ch.charCodeAt(0) ^ 0x40) : ''));
  }

  static neutralize(text) {
    return text.replace(/\x1b\[[0-9;]*[A-HJKm]|\x1b\[\?1049[hl]|[\x00-\x06\x0b\x0c\x0e-\x1f\x7f-\x9f]/g,
      (match) => (match.length > 1 ? match : match === '\x1b' ? '^[' : ''));
  }

  run() {
    const typed = this.line;
    this.term.write('\r\n');
    const script = this.pending + typed + '\n';
    if (!this.engine.kp_is_complete(script)) {
      this.pending = script;
      this.prompt();
      return;
    }
    this.pending = '';
    const entry = script.replace(/\n$/, '');
    if (entry.trim() !== '' && this.history[this.history.length - 1] !== entry) {
      this.history.push(entry);
      if (this.history.length > 500) this.history.shift();
      localStorage.setItem('kubeplay.history', JSON.stringify(this.history));
    }
    this.historyIndex = this.history.length;
    if (entry.trim() !== '') {
      const result = JSON.parse(this.engine.kp_run(this.tab, script));
      this.print(result.out);
      this.shellPrompt = result.prompt;
      this.busy = result.busy;
    }
    if (this.onCommand) this.onCommand(entry);
    if (!this.busy) this.prompt();
  }

  // Time passed: what the running command (or a background one) printed since.
  poll() {
    if (this.behind()) return;  // what the command prints waits in the engine until the screen catches up
    const result = JSON.parse(this.engine.kp_poll(this.tab));
    if (result.out) {
      if (this.busy) {
        this.print(result.out);
      } else {
        // A background job printed while the learner types: above the line, as bash does.
        this.term.write('\r\x1b[K');
        this.print(result.out);
        this.redraw();
      }
    }
    if (this.busy && !result.busy) {
      this.busy = false;
      this.prompt();
      if (this.onCommand) this.onCommand('');
    }
  }

  // Ctrl+C while a command keeps the terminal.
  interrupt() {
    this.term.write('^C\r\n');
    this.print(this.engine.kp_interrupt(this.tab));
    this.busy = false;
    this.prompt();
    if (this.onCommand) this.onCommand('');
  }

  // Text a replayed session showed in this terminal (reload, share links).
  restore(text, busy, prompt) {
    this.print(text);
    this.shellPrompt = prompt || '$ ';
    this.busy = busy;
    if (!busy) this.prompt();
  }

  // After undo: the screen shows only what the replayed session showed.
  reset(text, busy, prompt) {
    this.term.reset();
    this.line = '';
    this.cursor = 0;
    this.pending = '';
    this.restore(text, busy, prompt);
  }

  setLine(text) {
    this.line = text;
    this.cursor = Array.from(text).length;
    this.redraw();
  }

  onData(data) {
    // Escape sequences for the editing keys.
    const keys = {
      '\x1b[A': () => this.historyMove(-1), '\x1b[B': () => this.historyMove(1),
      '\x1b[C': () => this.move(1), '\x1b[D': () => this.move(-1),
      '\x1b[H': () => this.moveTo(0), '\x1b[F': () => this.moveTo(Infinity),
      '\x1bOH': () => this.moveTo(0), '\x1bOF': () => this.moveTo(Infinity),
      '\x1b[3~': () => this.deleteAt(this.cursor),
    };
    if (this.busy) {
      // The running command owns the terminal: only Ctrl+C reaches it.
      if (data.includes('\x03')) this.interrupt();
      return;
    }
    if (keys[data]) { keys[data](); return; }
    const tabs = this.tabPresses || 0;
    this.tabPresses = 0;
    if (data === '\t') { this.completeWord(tabs + 1); return; }
    for (const ch of Array.from(data)) this.onChar(ch);
  }

  // Tab: the engine's candidates for the word before the cursor. One candidate is typed in
  // whole (with a space after it unless it ends a folder or a flag's "="); several are typed in
  // as far as they agree, and a second Tab in a row lists them under the line.
  completeWord(presses) {
    const chars = Array.from(this.line);
    const before = chars.slice(0, this.cursor).join('');
    const { word, candidates } = JSON.parse(this.engine.kp_complete(before));
    if (candidates.length === 0) return;
    let common = candidates[0];
    for (const c of candidates) while (!c.startsWith(common)) common = common.slice(0, -1);
    let insert = common.startsWith(word) ? common.slice(word.length) : '';
    if (candidates.length === 1 && !/[/=]$/.test(common)) insert += ' ';
    if (insert) {
      chars.splice(this.cursor, 0, ...Array.from(insert));
      this.line = chars.join('');
      this.cursor += Array.from(insert).length;
      this.redraw();
      return;
    }
    this.tabPresses = presses;
    if (presses < 2) return;
    this.term.write('\r\n' + candidates.join('  ') + '\r\n');
    this.redraw();
  }

  onChar(ch) {
    switch (ch) {
      case '\r': this.run(); return;
      case '\n': return;
      case '\x7f': case '\b': if (this.cursor > 0) this.deleteAt(this.cursor - 1, true); return;
      case '\x03': // Ctrl+C
        this.term.write('^C\r\n');
        this.pending = '';
        this.prompt();
        return;
      case '\x0c': this.term.clear(); this.term.write('\x1b[H\x1b[2J'); this.redraw(); return; // Ctrl+L
      case '\x01': this.moveTo(0); return; // Ctrl+A
      case '\x05': this.moveTo(Infinity); return; // Ctrl+E
      case '\x15': this.setLine(Array.from(this.line).slice(this.cursor).join('')); this.moveTo(0); return; // Ctrl+U
      case '\x17': { // Ctrl+W: delete the word before the cursor
        const chars = Array.from(this.line);
        let i = this.cursor;
        while (i > 0 && chars[i - 1] === ' ') i--;
        while (i > 0 && chars[i - 1] !== ' ') i--;
        chars.splice(i, this.cursor - i);
        this.line = chars.join('');
        this.cursor = i;
        this.redraw();
        return;
      }
      default:
        if (ch < ' ' && ch !== '\t') return;
        if (ch === '\t') ch = ' ';
        {
          const chars = Array.from(this.line);
          chars.splice(this.cursor, 0, ch);
          this.line = chars.join('');
          this.cursor += 1;
          this.redraw();
        }
    }
  }

  deleteAt(index, backspace) {
    const chars = Array.from(this.line);
    if (index < 0 || index >= chars.length) return;
    chars.splice(index, 1);
    this.line = chars.join('');
    if (backspace) this.cursor -= 1;
    this.redraw();
  }

  move(delta) { this.moveTo(this.cursor + delta); }

  moveTo(position) {
    const length = Array.from(this.line).length;
    this.cursor = Math.max(0, Math.min(length, position));
    this.redraw();
  }

  historyMove(delta) {
    const next = this.historyIndex + delta;
    if (next < 0 || next > this.history.length) return;
    this.historyIndex = next;
    this.setLine(next === this.history.length ? '' : this.history[next]);
  }

  // Types a command as if the learner had (lesson "try it" buttons).
  type(text) {
    this.setLine(text);
  }

  // Pastes text as a terminal does: every line but the last runs; the last waits for Enter.
  paste(text) {
    this.term.focus();
    this.onData(text.replace(/\n$/, '').replace(/\r?\n/g, '\r'));
  }

  // Runs a command as if typed and entered (lesson setup).
  runCommand(line) {
    this.setLine(line);
    this.run();
  }

  // Types a command and presses Enter (the visualizer's buttons: the learner sees the command
  // that changed the cluster). A line the learner was typing is kept and comes back after it.
  execute(text) {
    const kept = this.pending === '' ? this.line : '';
    this.setLine(text);
    this.run();
    if (kept) this.setLine(kept);
  }
}
