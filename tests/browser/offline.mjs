// Browser test: the page works offline after its first load (the service worker, web/offline).
// It loads the page, waits until the service worker controls it, goes offline
// (context.setOffline), reloads, and checks the engine starts and runs a command; the page's
// Content-Security-Policy still holds (no violations), and a new build gets a new cache.
//   node tests/browser/offline.mjs [site-dir]
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { checker, openSite, runChecks } from './harness.mjs';

const siteDir = resolve(process.argv[2] || 'build/site');
const site = await openSite(siteDir);
const c = checker();

await runChecks(site, c, async () => {
  const sw = await readFile(join(siteDir, 'sw.js'), 'utf8');
  c.check('the build wrote sw.js with a version and the site\'s files',
    /const VERSION = '[0-9a-f]{12}'/.test(sw) && sw.includes("'./kubeplay_web.wasm'") && sw.includes("'./index.html'"), sw.slice(0, 300));

  const context = await site.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text() + ' ' + (m.location().url || '')); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
  });
  await page.goto(site.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null ||
    navigator.serviceWorker.ready.then(() => true), null, { timeout: 15000 });
  const cached = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    const names = await caches.keys();
    const cache = await caches.open(names.find((n) => n.startsWith('kubeplay-')));
    return { names, keys: (await cache.keys()).map((r) => new URL(r.url).pathname) };
  });
  c.check('the first load caches the site', cached.keys.includes('/kubeplay_web.wasm') && cached.keys.includes('/app.js'),
    JSON.stringify(cached));

  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  const out = await page.evaluate(() => window.kubeplay.engine.kp_eval('minikube start\nkubectl get nodes\n'));
  c.check('offline, the reloaded page starts the engine and runs commands', out.includes('minikube') && /Ready/.test(out), out.slice(-300));
  const fetched = await page.evaluate(() => fetch('does-not-exist.txt').then((r) => r.status, (e) => 'error ' + e.message));
  c.check('offline, a file that was never cached fails cleanly', typeof fetched === 'string', String(fetched));
  c.check('no CSP violations', (await page.evaluate(() => window.cspViolations)).length === 0,
    JSON.stringify(await page.evaluate(() => window.cspViolations)));
  await context.setOffline(false);
  c.check('no console errors', errors.filter((e) => !e.includes('does-not-exist')).length === 0, errors.join('\n'));
  await context.close();
});
