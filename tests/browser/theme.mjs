// Browser test: light and dark themes, and screen sizes. Dark by default; light when the browser
// prefers it; the top bar's switch changes the page, the terminal and the canvas, and the choice
// survives a reload. At 1280x720 the top bar is one row with unbroken labels in both languages;
// at 1920x1080 the canvas and the terminal use the room (screenshot build/screen-1920.png).
//   node tests/browser/theme.mjs [site-dir]
import { resolve } from 'node:path';
import { checker, openSite, runChecks, collectErrors } from './harness.mjs';

const site = await openSite(resolve(process.argv[2] || 'build/site'), ['--use-gl=swiftshader', '--enable-unsafe-swiftshader']);
const c = checker();

const state = (page) => page.evaluate(() => ({
  theme: document.documentElement.dataset.theme,
  background: getComputedStyle(document.body).backgroundColor,
  terminal: window.kubeplay.terminals.tabs[0].term.options.theme.background,
}));

await runChecks(site, c, async () => {
  const errors = [];
  const open = async (colorScheme) => {
    const context = await site.browser.newContext({ colorScheme, viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    collectErrors(page, errors);
    await page.goto(site.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
    return { context, page };
  };
  const dark = await open('dark');
  let s = await state(dark.page);
  c.check('dark by default', s.theme === 'dark' && s.background === 'rgb(20, 23, 28)' && s.terminal === '#1e1e1e', JSON.stringify(s));
  await dark.page.click('#theme-toggle');
  s = await state(dark.page);
  c.check('the switch turns the page and the terminal light', s.theme === 'light' && s.background === 'rgb(244, 246, 249)' &&
    s.terminal === '#ffffff', JSON.stringify(s));
  await dark.page.waitForTimeout(300);
  await dark.page.screenshot({ path: resolve('build/h-b-theme-light.png') }).catch(() => {});
  await dark.page.reload();
  await dark.page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  s = await state(dark.page);
  c.check('the choice survives a reload', s.theme === 'light' && s.terminal === '#ffffff', JSON.stringify(s));
  await dark.context.close();

  const light = await open('light');
  s = await state(light.page);
  c.check('light when the browser prefers it', s.theme === 'light', JSON.stringify(s));
  await light.context.close();

  const layout = (page) => page.evaluate(() => {
    const buttons = [...document.querySelectorAll('#topbar button, #topbar label.button, #virtual-time')];
    return {
      topbar: document.getElementById('topbar').offsetHeight,
      tallest: Math.max(...buttons.map((b) => b.offsetHeight)),
      canvas: [document.getElementById('canvas').clientWidth, document.getElementById('canvas').clientHeight],
      terminal: [window.kubeplay.terminals.tabs[0].term.cols, window.kubeplay.terminals.tabs[0].term.rows],
      version: document.getElementById('version').title,
    };
  });
  for (const [lang, locale] of [['en', 'en-US'], ['zh', 'zh-CN']]) {
    const context = await site.browser.newContext({ locale, viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    collectErrors(page, errors);
    await page.goto(site.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
    const l = await layout(page);
    c.check(`at 1280x720 in ${lang} the top bar is one row of unbroken labels (the version whole on hover)`,
      l.topbar <= 44 && l.tallest <= 30 && l.version.startsWith('kubeplay '), JSON.stringify(l));
    await context.close();
  }
  const big = await site.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await big.newPage();
  collectErrors(page, errors);
  await page.goto(site.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await page.evaluate(() => window.kubeplay.engine.kp_eval('minikube start\n'));
  await page.waitForTimeout(500);
  const l = await layout(page);
  c.check('at 1920x1080 the canvas and the terminal use the room', l.canvas[0] >= 1500 && l.canvas[1] >= 600 && l.terminal[0] >= 170 &&
    l.terminal[1] >= 18, JSON.stringify(l));
  await page.screenshot({ path: resolve('build/screen-1920.png') });
  console.log(`screenshot: ${resolve('build/screen-1920.png')}`);
  await big.close();
  c.check('no console errors', errors.length === 0, errors.join('\n'));
});
