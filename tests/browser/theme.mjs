// Browser test: light and dark themes. Dark by default; light when the browser prefers it; the
// top bar's switch changes the page, the terminal and the canvas, and the choice survives a reload.
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
  c.check('no console errors', errors.length === 0, errors.join('\n'));
});
