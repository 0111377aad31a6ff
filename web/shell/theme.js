// Light and dark themes. The page's colours are CSS variables (style.css, <html data-theme>),
// the terminals get a matching xterm.js theme and the canvas an ImGui style (kp_set_theme).
// The choice is kept in localStorage; without one, the browser's prefers-color-scheme decides,
// and dark is the default.
'use strict';

// exported: KubeplayTheme
// eslint-disable-next-line no-unused-vars
const KubeplayTheme = (function () {
  const key = 'kubeplay.theme';
  const xterm = {
    dark: { background: '#1e1e1e', foreground: '#d4d4d4', cursor: '#d4d4d4', selectionBackground: '#264f78' },
    light: { background: '#ffffff', foreground: '#1e1e1e', cursor: '#1e1e1e', selectionBackground: '#b5d5ff',
      black: '#1e1e1e', white: '#6b6b6b', brightWhite: '#3a3a3a', yellow: '#8a6d00', brightYellow: '#7a5f00',
      green: '#1f7a35', brightGreen: '#17692c', cyan: '#0b6e79', brightCyan: '#075c66' },
  };

  function initial() {
    const saved = localStorage.getItem(key);
    if (saved === 'light' || saved === 'dark') return saved;
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
  }

  let theme = initial();
  document.documentElement.dataset.theme = theme;
  const listeners = [];

  return {
    current: () => theme,
    // The xterm.js theme of the current page theme (new terminals take it too).
    xterm: () => xterm[theme],
    set(next, remember = true) {
      if (next !== 'light' && next !== 'dark') return;
      theme = next;
      if (remember) localStorage.setItem(key, next);
      document.documentElement.dataset.theme = next;
      listeners.forEach((f) => f(next));
    },
    toggle() { this.set(theme === 'light' ? 'dark' : 'light'); },
    onChange(f) { listeners.push(f); },
  };
})();
