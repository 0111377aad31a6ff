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
      'topbar.theme': '浅色或深色主题',
      'session.undo': '撤销',
      'session.undoTitle': '撤销上一条命令（集群回到它执行之前）',
      'session.reset': '重置',
      'session.resetTitle': '换一台全新的笔记本重新开始（课程进度保留）',
      'session.resetConfirm': '清空集群、文件和终端，重新开始？',
      'session.share': '分享',
      'session.shareTitle': '复制一个能重放本次会话的链接',
      'session.shared': '链接已复制',
      'session.export': '导出 YAML',
      'session.exportTitle': '把你创建的对象下载为可用于真实集群的清单',
      'session.save': '保存',
      'session.saveTitle': '把本次会话下载为文件',
      'session.open': '打开',
      'session.openTitle': '打开保存的会话文件',
      'session.badFile': '这不是 kubeplay 会话文件',
      'session.nothingToUndo': '没有可撤销的命令',
      'terminal.tab': '终端 {n}',
      'terminal.add': '新建终端（给 kubectl get -w、minikube tunnel 这类不会结束的命令用）',
      'terminal.busy': '命令正在运行，按 Ctrl+C 停止',
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
      'topbar.theme': 'Light or dark theme',
      'session.undo': 'Undo',
      'session.undoTitle': 'Undo the last command (the cluster goes back to just before it)',
      'session.reset': 'Reset',
      'session.resetTitle': 'Start again with a fresh laptop (lesson progress is kept)',
      'session.resetConfirm': 'Clear the cluster, the files and the terminals, and start again?',
      'session.share': 'Share',
      'session.shareTitle': 'Copy a link that replays this session',
      'session.shared': 'Link copied',
      'session.export': 'Export YAML',
      'session.exportTitle': 'Download your objects as manifests for a real cluster',
      'session.save': 'Save',
      'session.saveTitle': 'Download this session as a file',
      'session.open': 'Open',
      'session.openTitle': 'Open a saved session file',
      'session.badFile': 'This is not a kubeplay session file',
      'session.nothingToUndo': 'Nothing to undo',
      'terminal.tab': 'Terminal {n}',
      'terminal.add': 'New terminal (for commands that keep running: kubectl get -w, minikube tunnel)',
      'terminal.busy': 'A command is running; Ctrl+C stops it',
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
