// Load benchmark of the page in headless Chromium, as a newcomer meets it (fresh browser profile,
// no cache, no service worker yet). Prints figures; judges nothing but that the page works.
//  - first-load bytes: every file the page fetched before it was ready, raw and gzip-compressed
//    (what a static host with gzip sends);
//  - time from navigation to the engine being ready, and to the first `kubectl get nodes`
//    output (minikube start typed first, as in the quick start), median of 5 fresh loads.
//   node tests/browser/load_bench.mjs [site-dir]
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { openSite, terminal } from './harness.mjs';

const siteDir = resolve(process.argv[2] || 'build/site');
const site = await openSite(siteDir);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let failed = false;
try {
  const readyMs = [];
  const nodesMs = [];
  let files = null;
  for (let run = 0; run < 5; run++) {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const bodies = [];
    page.on('response', async (r) => { bodies.push(r.body().then((b) => ({ name: r.url().split('/').pop() || 'index.html', raw: b.length, gzip: gzipSync(b, { level: 9 }).length })).catch(() => null)); });
    const started = Date.now();
    await page.goto(site.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
    readyMs.push(Date.now() - started);
    if (!files) files = (await Promise.all(bodies)).filter(Boolean);
    const term = terminal(page);
    await page.click('#terminal');
    await term.type('minikube start');
    await term.type('kubectl get nodes');
    const text = await term.waitFor('control-plane', 30000);
    nodesMs.push(Date.now() - started);
    if (!/minikube\s+Ready\s+control-plane/.test(text)) {
      console.log(`FAIL kubectl get nodes did not list the node:\n${text.slice(-400)}`);
      failed = true;
    }
    await context.close();
  }
  const raw = files.reduce((n, f) => n + f.raw, 0);
  const gzip = files.reduce((n, f) => n + f.gzip, 0);
  console.log(`first load: ${files.length} files, ${(raw / 1024).toFixed(0)} KiB, ${(gzip / 1024).toFixed(0)} KiB gzip`);
  for (const f of files.sort((a, b) => b.gzip - a.gzip).slice(0, 5)) {
    console.log(`     ${f.name.padEnd(20)} ${(f.raw / 1024).toFixed(0).padStart(6)} KiB  ${(f.gzip / 1024).toFixed(0).padStart(6)} KiB gzip`);
  }
  console.log(`navigation to engine ready: median ${median(readyMs)} ms (${readyMs.join(', ')})`);
  console.log(`navigation to the first 'kubectl get nodes' output (after minikube start): median ${median(nodesMs)} ms (${nodesMs.join(', ')})`);
} catch (e) {
  console.log(`FAIL the benchmark ran to the end: ${e.stack}`);
  failed = true;
} finally {
  await site.close();
}
process.exit(failed ? 1 : 0);
