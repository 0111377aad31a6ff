// The session survives a reload and travels in a link. The engine keeps a journal of everything
// the learner did (command lines per tab, Ctrl+C, time passing; engine/cli/laptop.h); replaying
// it into a fresh engine rebuilds the same cluster, files and terminal text, because the engine
// is deterministic. Saved in localStorage after every command and every few seconds; undo goes
// back in place (engine checkpoints), reset and import save a journal and reload the page; a
// share link carries the journal compressed
// in the URL fragment (never sent to a server); the journal also exports and imports as a file.
'use strict';

// exported: KubeplayPersistence
// eslint-disable-next-line no-unused-vars
class KubeplayPersistence {
  static get key() { return 'kubeplay.journal'; }

  constructor(engine, terminals) {
    this.engine = engine;
    this.terminals = terminals;
    this.savedTime = null;
  }

  // Before anything runs: the journal from a share link (#j=...) or from the last visit, replayed.
  // Resolves to true when a session was restored.
  async restore() {
    let journal = null;
    const match = /^#j=([A-Za-z0-9_-]+)$/.exec(location.hash);
    if (match) {
      try {
        journal = await KubeplayPersistence.inflate(match[1]);
      } catch (e) {
        console.warn('kubeplay: the link does not carry a session', e);
      }
      history.replaceState(null, '', location.pathname + location.search);
    }
    if (journal === null) journal = localStorage.getItem(KubeplayPersistence.key);
    if (!journal) return false;
    const result = JSON.parse(this.engine.kp_restore(journal));
    if (!result.ok) {
      localStorage.removeItem(KubeplayPersistence.key);
      return false;
    }
    this.showTabs(result.tabs, false);
    // A session where only time passed (the page was opened, nothing typed) printed nothing.
    if (this.terminals.tabs.length === 0) this.terminals.add();
    this.terminals.select(0);
    this.terminals.renderBar();
    this.save();
    return true;
  }

  save() {
    if (this.leaving) return;  // undo, reset or import wrote what the reload must find
    const journal = this.engine.kp_journal();
    try {
      localStorage.setItem(KubeplayPersistence.key, journal);
    } catch (e) {
      console.warn('kubeplay: the session is too large to keep', e);
    }
    this.savedTime = this.timeMs();
  }

  // The engine's own virtual time (app.js: without the time the clock still owes it, time.js).
  timeMs() { return this.engineNowMs ? this.engineNowMs() : this.engine.kp_now_ms(); }

  // Time passing is saved every few seconds (a command saves at once).
  saveIfTimePassed() {
    if (!this.leaving && this.savedTime !== this.timeMs()) this.save();
  }

  // What each terminal tab showed in a replayed session; `replace`: the tabs' screens are
  // cleared first (undo), and tabs the replay did not open show only their prompt.
  showTabs(tabs, replace) {
    const count = Math.max(tabs.length, replace ? this.terminals.tabs.length : 0);
    for (let tab = 0; tab < count; tab++) {
      while (this.terminals.tabs.length <= tab) this.terminals.add(true);
      const state = JSON.parse(this.engine.kp_poll(tab));
      const terminal = this.terminals.tabs[tab];
      const text = (tabs[tab] || '') + state.out;
      if (replace) terminal.reset(text, state.busy, this.engine.kp_prompt(tab));
      else terminal.restore(text, state.busy, this.engine.kp_prompt(tab));
    }
  }

  // Undo in place (no reload): the engine goes on from a laptop replayed to just before the last
  // command, carried on from its nearest checkpoint; the terminals show what they showed then.
  undo() {
    const result = JSON.parse(this.engine.kp_undo());
    if (!result.ok) return false;
    this.lastUndoMs = result.ms;
    this.showTabs(result.tabs, true);
    this.terminals.renderBar();
    // The lesson's transcript of the current step described the undone commands.
    localStorage.removeItem('kubeplay.lessonTranscript');
    this.save();
    if (this.onUndo) this.onUndo();
    return true;
  }

  reset() { this.reloadWith(null); }

  reloadWith(journal) {
    this.leaving = true;
    // The lesson's transcript of the current step described the old session's commands.
    localStorage.removeItem('kubeplay.lessonTranscript');
    if (journal === null) localStorage.removeItem(KubeplayPersistence.key);
    else localStorage.setItem(KubeplayPersistence.key, journal);
    location.reload();
  }

  async shareLink() {
    const data = await KubeplayPersistence.deflate(this.engine.kp_journal());
    return location.origin + location.pathname + '#j=' + data;
  }

  download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type: type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  exportSession() { this.download('kubeplay-session.json', 'application/json', this.engine.kp_journal()); }
  exportManifests() { this.download('kubeplay-manifests.yaml', 'application/yaml', this.engine.kp_export_manifests()); }

  // A session file from exportSession(): replayed after a reload.
  async importSession(file) {
    const text = await file.text();
    let journal;
    try {
      journal = JSON.parse(text);
    } catch (e) {
      return false;
    }
    if (!journal || journal.kubeplayJournal !== 1 || !Array.isArray(journal.entries)) return false;
    this.reloadWith(JSON.stringify(journal));
    return true;
  }

  // deflate-raw + base64url (CompressionStream: no library, nothing leaves the page).
  static async deflate(text) {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  static async inflate(data) {
    const binary = atob(data.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return await new Response(stream).text();
  }
}
