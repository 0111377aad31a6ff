// Splitters between the lesson panel, the visualizer and the terminal. Dragging one sets a CSS
// variable (--lesson-width or --terminal-height); the sizes are kept in localStorage. Whoever
// draws into a resized area listens to the window's resize event, which a drag also fires.
'use strict';

(function () {
  const root = document.documentElement;
  const saved = JSON.parse(localStorage.getItem('kubeplay.layout') || '{}');
  for (const [name, value] of Object.entries(saved)) {
    if (/^--(lesson-width|terminal-height)$/.test(name) && /^\d+px$/.test(value)) root.style.setProperty(name, value);
  }
  for (const splitter of document.querySelectorAll('.splitter')) {
    const vertical = splitter.classList.contains('vertical');
    const target = document.getElementById(splitter.dataset.resize);
    const variable = vertical ? '--lesson-width' : '--terminal-height';
    splitter.addEventListener('pointerdown', (down) => {
      down.preventDefault();
      splitter.setPointerCapture(down.pointerId);
      splitter.classList.add('dragging');
      const startPos = vertical ? down.clientX : down.clientY;
      const startSize = vertical ? target.offsetWidth : target.offsetHeight;
      const move = (e) => {
        const delta = (vertical ? e.clientX : e.clientY) - startPos;
        // The terminal grows upwards: dragging its splitter down makes it smaller.
        const size = Math.max(80, vertical ? startSize + delta : startSize - delta);
        root.style.setProperty(variable, size + 'px');
        window.dispatchEvent(new Event('resize'));
      };
      const up = () => {
        splitter.classList.remove('dragging');
        splitter.removeEventListener('pointermove', move);
        splitter.removeEventListener('pointerup', up);
        saved[variable] = root.style.getPropertyValue(variable);
        localStorage.setItem('kubeplay.layout', JSON.stringify(saved));
      };
      splitter.addEventListener('pointermove', move);
      splitter.addEventListener('pointerup', up);
    });
  }
})();
