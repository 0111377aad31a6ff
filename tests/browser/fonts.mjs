// Browser test: the fonts cut from Debian's packages at build time (web/fonts/subset_fonts.py).
//  - in English the page loads neither font (first-load bytes stay small);
//  - in Chinese the canvas fetches the CJK subset and can draw its words (panel titles, buttons);
//  - minikube's emoji in the terminal bring in the emoji subset (the browser fetches it only then).
// Writes a screenshot of the Chinese page to build/h-b-fonts-zh.png (or the second argument).
//   node tests/browser/fonts.mjs [site-dir] [screenshot]
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { checker, openSite, terminal, runChecks, collectErrors } from './harness.mjs';

const siteDir = resolve(process.argv[2] || 'build/site');
const shot = resolve(process.argv[3] || 'build/fonts-zh.png');
const site = await openSite(siteDir, ['--use-gl=swiftshader', '--enable-unsafe-swiftshader']);
const c = checker();

await runChecks(site, c, async () => {
  const cjk = await stat(join(siteDir, 'kp-cjk.ttf'));
  const emoji = await stat(join(siteDir, 'kp-emoji.woff2'));
  console.log(`     kp-cjk.ttf ${cjk.size} bytes, kp-emoji.woff2 ${emoji.size} bytes`);
  c.check('the build cut both fonts small', cjk.size < 60000 && emoji.size < 200000, `${cjk.size} ${emoji.size}`);

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
  await zh.page.waitForTimeout(300);
  await zh.page.screenshot({ path: shot });
  console.log(`screenshot: ${shot}`);
  await zh.context.close();
  c.check('no console errors', errors.length === 0, errors.join('\n'));
});
