// The page's own words in the two languages of the project (lesson texts come from the
// engine's catalog). Chinese is the first language; every key must exist in both
// (tests/web/i18n_check.mjs). `t(key, values)` fills {name} placeholders.
'use strict';

// exported: KubeplayI18n
// eslint-disable-next-line no-unused-vars
const KubeplayI18n = (function () {
  const strings = {
    zh: {
      'lessons.title': '课程',
      'lessons.choose': '选择一课',
      'lessons.free': '自由练习（不跟课程）',
      'lessons.step': '第 {n} 步，共 {total} 步',
      'lessons.try': '试一试（点击粘贴到终端）',
      'lessons.waiting': '等待：{goal}',
      'lessons.done': '完成 ✓',
      'lessons.hint': '提示',
      'lessons.moreHint': '再给一个提示',
      'lessons.solution': '显示答案',
      'lessons.back': '上一步',
      'lessons.skip': '跳过',
      'lessons.restart': '重新开始本课',
      'lessons.complete': '本课完成！',
      'lessons.next': '下一课：{title}',
      'lessons.setup': '准备环境：',
      'lessons.progress': '{done}/{total}',
      'topbar.language': '语言',
      'topbar.play': '暂停或继续虚拟时间',
      'topbar.speed1': '虚拟时间和真实时间一样快',
      'topbar.speed5': '每秒 5 个虚拟秒',
      'topbar.speed20': '每秒 20 个虚拟秒',
      'topbar.step': '虚拟时间前进 1 秒',
      'topbar.skip': '跳到下一个事件',
      'topbar.skipTitle': '跳到集群的下一个定时器（心跳、退避、探针……）',
      'topbar.time': '集群的虚拟时间（UTC）',
    },
    en: {
      'lessons.title': 'Lessons',
      'lessons.choose': 'Choose a lesson',
      'lessons.free': 'Free play (no lesson)',
      'lessons.step': 'Step {n} of {total}',
      'lessons.try': 'Try it (click to paste into the terminal)',
      'lessons.waiting': 'Waiting for: {goal}',
      'lessons.done': 'Done ✓',
      'lessons.hint': 'Hint',
      'lessons.moreHint': 'Another hint',
      'lessons.solution': 'Show the solution',
      'lessons.back': 'Back',
      'lessons.skip': 'Skip',
      'lessons.restart': 'Restart the lesson',
      'lessons.complete': 'Lesson complete!',
      'lessons.next': 'Next lesson: {title}',
      'lessons.setup': 'Setting up: ',
      'lessons.progress': '{done}/{total}',
      'topbar.language': 'Language',
      'topbar.play': 'Pause or resume virtual time',
      'topbar.speed1': 'Virtual time runs as fast as wall time',
      'topbar.speed5': 'Five virtual seconds per second',
      'topbar.speed20': 'Twenty virtual seconds per second',
      'topbar.step': 'Advance virtual time by one second',
      'topbar.skip': 'skip to next event',
      'topbar.skipTitle': "Jump to the cluster's next timer (heartbeat, back-off, probe...)",
      'topbar.time': 'Virtual time of the cluster (UTC)',
    },
  };

  function initialLanguage() {
    const saved = localStorage.getItem('kubeplay.lang');
    if (saved === 'zh' || saved === 'en') return saved;
    const browser = (navigator.language || 'en').toLowerCase();
    return browser.startsWith('zh') ? 'zh' : 'en';
  }

  let language = initialLanguage();
  const listeners = [];

  // The page's own elements: data-i18n sets the text, data-i18n-title the tooltip.
  function translatePage() {
    const table = strings[language];
    document.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = table[e.dataset.i18n]; });
    document.querySelectorAll('[data-i18n-title]').forEach((e) => { e.title = table[e.dataset.i18nTitle]; });
  }
  listeners.push(translatePage);

  return {
    strings: strings,
    language: () => language,
    translatePage: translatePage,
    setLanguage(lang) {
      if (!strings[lang] || lang === language) return;
      language = lang;
      localStorage.setItem('kubeplay.lang', lang);
      document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
      listeners.forEach((f) => f(lang));
    },
    onChange(f) { listeners.push(f); },
    t(key, values) {
      let text = strings[language][key] || strings.en[key] || key;
      for (const [name, value] of Object.entries(values || {})) text = text.split('{' + name + '}').join(String(value));
      return text;
    },
  };
})();
