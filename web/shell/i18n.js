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

  return {
    strings: strings,
    language: () => language,
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
