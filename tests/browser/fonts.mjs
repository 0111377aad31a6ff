// Browser test: the fonts cut from Debian's packages at build time (web/fonts/subset_fonts.py).
//  - in English the page loads no font file (first-load bytes stay small);
//  - in Chinese the canvas fetches the CJK subset and can draw its words (panel titles, buttons);
//  - minikube's emoji in the terminal bring in the emoji subset (the browser fetches it only then);
//  - the lessons' Chinese text: a browser with a Chinese font of its own (this machine has
//    WenQuanYi) draws it with that font and never fetches the page's CJK subset; a browser without
//    one (Chromium here again, its fontconfig cut down to DejaVu, as on a fresh Debian) fetches
//    the subset and draws every Chinese character of the lessons and of the page's words with it;
//    the service worker caches the subset for offline use.
// Writes a screenshot of the Chinese page to build/fonts-zh.png (or the second argument) and of
// the page without Chinese system fonts next to it (-nocjk.png).
//   node tests/browser/fonts.mjs [site-dir] [screenshot]
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checker, openSite, terminal, runChecks, collectErrors } from './harness.mjs';

// The Chinese characters the page's CJK subset must hold (the ranges of subset_fonts.py's
// is_cjk): those of the lessons, of the page's own files and of the lesson check.
async function pageChineseCharacters() {
  const files = (await readdir('tutorials')).filter((f) => f.endsWith('.yaml')).map((f) => join('tutorials', f))
    .concat((await readdir('web/shell')).filter((f) => /\.(js|html)$/.test(f)).map((f) => join('web/shell', f)))
    .concat(['engine/lesson/goal.cpp']);
  const chars = new Set();
  for (const file of files) {
    for (const ch of await readFile(file, 'utf8')) if (/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(ch)) chars.add(ch);
  }
  return [...chars].sort().join('');
}

// The fonts Chromium really drew a node's text with (DevTools' "Rendered Fonts"):
// [{familyName, isCustomFont, glyphCount}].
async function renderedFonts(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    return (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts;
  } finally {
    await cdp.detach();
  }
}

// Opens the quick-start lesson in the panel and waits until its step text is drawn, with the
// page's fonts loaded.
async function showFirstLesson(page) {
  await page.selectOption('.lesson-select', 'quick-start');
  await page.waitForSelector('.lesson-text p');
  await page.evaluate(() => document.fonts.ready);
}

const siteDir = resolve(process.argv[2] || 'build/site');
const shot = resolve(process.argv[3] || 'build/fonts-zh.png');
const site = await openSite(siteDir, ['--use-gl=swiftshader', '--enable-unsafe-swiftshader']);
const c = checker();

await runChecks(site, c, async () => {
  const cjk = await stat(join(siteDir, 'kp-cjk.ttf'));
  const emoji = await stat(join(siteDir, 'kp-emoji.woff2'));
  const text = await stat(join(siteDir, 'kp-cjk-text.woff2'));
  const chinese = await pageChineseCharacters();
  console.log(`     kp-cjk.ttf ${cjk.size} bytes, kp-emoji.woff2 ${emoji.size} bytes, ` +
    `kp-cjk-text.woff2 ${text.size} bytes (${[...chinese].length} Chinese characters of the lessons and the page)`);
  c.check('the build cut the fonts small', cjk.size < 60000 && emoji.size < 200000 && text.size < 150000, `${cjk.size} ${emoji.size} ${text.size}`);
  const sw = await readFile(join(siteDir, 'sw.js'), 'utf8');
  c.check('the service worker caches the lessons\' font for offline use', sw.includes("'./kp-cjk-text.woff2'"), sw.match(/FILES = .*/)?.[0]);

  const errors = [];
  const open = async (lang) => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
    const page = await context.newPage();
    const fonts = [];
    page.on('request', (r) => { if (/kp-(cjk|emoji)/.test(r.url())) fonts.push(r.url().split('/').pop()); });
    collectErrors(page, errors);
    await page.goto(site.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
    return { context, page, fonts };
  };

  const en = await open('en');
  await en.page.waitForTimeout(500);
  c.check('in English the page loads no font file', en.fonts.length === 0, en.fonts.join(','));
  c.check('the canvas font has no Chinese in English', !(await en.page.evaluate(() => window.kubeplay.engine.kp_canvas_has_glyph(0x96c6))), 'has 集');
  await en.context.close();

  const zh = await open('zh');
  await zh.page.waitForFunction(() => window.kubeplay.engine.kp_canvas_has_glyph(0x96c6), null, { timeout: 10000 }).catch(() => {});
  c.check('in Chinese the canvas fetches the CJK subset and draws 集群 (Cluster)', zh.fonts.includes('kp-cjk.ttf') &&
    await zh.page.evaluate(() => window.kubeplay.engine.kp_canvas_has_glyph(0x96c6) && window.kubeplay.engine.kp_canvas_has_glyph(0x7fa4)),
    zh.fonts.join(','));
  const term = terminal(zh.page);
  await zh.page.click('#terminal');
  await term.type('minikube start');
  await term.waitFor('Done!', 10000);
  const emojiLoaded = await zh.page.evaluate(async () => {
    await document.fonts.ready;
    return document.fonts.check('14px "KP Emoji"', '\u{1F3C4}');
  });
  c.check('minikube\'s emoji bring in the emoji subset', zh.fonts.includes('kp-emoji.woff2') && emojiLoaded, zh.fonts.join(',') + ' ' + emojiLoaded);

  await showFirstLesson(zh.page);
  const local = await renderedFonts(zh.page, '.lesson-text p');
  c.check('with a Chinese system font the lesson text uses it and the page fetches no CJK subset',
    !zh.fonts.includes('kp-cjk-text.woff2') && local.some((f) => !f.isCustomFont && /WenQuanYi/.test(f.familyName)) &&
      !local.some((f) => f.isCustomFont), zh.fonts.join(',') + ' ' + JSON.stringify(local));
  await zh.page.waitForTimeout(300);
  await zh.page.screenshot({ path: shot });
  console.log(`screenshot: ${shot}`);
  await zh.context.close();

  // The same page in a Chromium that sees only DejaVu (no Chinese font on the machine).
  const fontsDir = join(tmpdir(), 'kp-fonts-nocjk');
  await mkdir(fontsDir, { recursive: true });
  const config = join(fontsDir, 'fonts.conf');
  await writeFile(config, '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n' +
    '  <dir>/usr/share/fonts/truetype/dejavu</dir>\n' + `  <cachedir>${fontsDir}/cache</cachedir>\n` +
    '  <include ignore_missing="yes">/etc/fonts/conf.d</include>\n</fontconfig>\n');
  const bare = await openSite(siteDir, [], { ...process.env, FONTCONFIG_FILE: config });
  try {
    const context = await bare.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const fetched = [];
    page.on('request', (r) => { if (/kp-cjk-text/.test(r.url())) fetched.push(r.url().split('/').pop()); });
    collectErrors(page, errors);
    await page.goto(bare.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
    await showFirstLesson(page);
    const used = await renderedFonts(page, '.lesson-text p');
    const han = [...await page.textContent('.lesson-text p')].filter((ch) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(ch)).length;
    const subset = used.find((f) => f.isCustomFont);
    c.check('without a Chinese system font the lesson text fetches the subset and draws its Chinese with it',
      fetched.includes('kp-cjk-text.woff2') && subset && /WenQuanYi/.test(subset.familyName) && subset.glyphCount === han && han > 0,
      fetched.join(',') + ' ' + JSON.stringify(used) + ` (${han} Chinese characters)`);
    // Every Chinese character of every lesson and of the page's words, in one paragraph of the panel.
    await page.evaluate((all) => {
      const p = document.createElement('p');
      p.id = 'kp-all-chinese';
      p.textContent = all;
      document.querySelector('.lesson-text').appendChild(p);
    }, chinese);
    await page.evaluate(() => document.fonts.ready);
    const all = await renderedFonts(page, '#kp-all-chinese');
    c.check('the subset holds every Chinese character of the lessons and the page (no box, no other font)',
      all.length === 1 && all[0].isCustomFont && all[0].glyphCount === [...chinese].length,
      JSON.stringify(all) + ` (${[...chinese].length} characters)`);
    await page.evaluate(() => document.getElementById('kp-all-chinese').remove());
    await page.screenshot({ path: shot.replace(/\.png$/, '') + '-nocjk.png' });
    await context.close();
  } finally {
    await bare.close();
  }
  c.check('no console errors', errors.length === 0, errors.join('\n'));
});
