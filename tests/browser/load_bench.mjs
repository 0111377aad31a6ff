// Load benchmark of the page in headless Chromium, as a newcomer meets it (fresh browser profile,
// no cache, no service worker yet). Prints figures; judges nothing but that the page works.
//  - first-load bytes: every file the page fetched before it was ready, raw and gzip-compressed
//    (what a static host with gzip sends);
//  - time from navigation to the engine being ready, and to the first `kubectl get nodes`
//    output (minikube start typed first, as in the quick start), median of 5 fresh loads;
//  - undo and a scrub to the middle of a long session (150 commands over two virtual hours,
//    about 50 pods): in place from the engine's checkpoints (kept while the page is idle), and
//    what undo cost before them (a reload that replays the whole journal).
//  - what the open page costs while idle (idle_probe.mjs): JavaScript time per second and the
//    visualizer frames it draws (it skips frames while nothing on the canvas can change).
//   node tests/browser/load_bench.mjs [site-dir]
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { openSite, terminal } from './harness.mjs';
import { idleLine, measureIdle, webglArgs } from './idle_probe.mjs';

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

  // A long session typed through the engine: a command, then 48 virtual seconds; between
  // commands the page keeps its checkpoints up (what its idle callback does, here at once).
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(site.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  const long = await page.evaluate(() => {
    const e = window.kubeplay.engine;
    const setup = ['minikube start', 'kubectl create deployment web --image=nginx:1.26 --replicas=20',
      'kubectl create deployment api --image=nginx:1.27 --replicas=10', 'kubectl create deployment cache --image=redis:6.0.5 --replicas=5',
      'kubectl expose deployment web --port=80 --type=NodePort', 'kubectl expose deployment api --port=80'];
    const cycle = ['kubectl get pods -o wide', 'kubectl scale deployment web --replicas=24', 'kubectl get deployments',
      'kubectl describe deployment api', 'kubectl set image deployment/web nginx=nginx:1.27', 'kubectl get rs',
      'kubectl scale deployment web --replicas=20', 'kubectl get events --sort-by=.lastTimestamp', 'kubectl rollout undo deployment/web',
      'kubectl get svc,endpointslices'];
    let live = 0;
    let background = 0;
    for (let c = 0; c < 150; c++) {
      let t = performance.now();
      e.kp_run(0, c < setup.length ? setup[c] : cycle[c % cycle.length]);
      e.kp_advance(48000);
      live += performance.now() - t;
      t = performance.now();
      while (e.kp_checkpoints_work(50)) { /* idle time between commands */ }
      background += performance.now() - t;
    }
    const pods = (e.kp_eval('kubectl get pods -A --no-headers\n').match(/\n/g) || []).length;
    const state = JSON.parse(e.kp_checkpoints_state());
    const start = JSON.parse(e.kp_journal()).entries.length;
    const now = e.kp_now_ms();
    const scrub = JSON.parse(e.kp_scrub(now - 3600000));
    JSON.parse(e.kp_scrub(-1));
    const undo = JSON.parse(e.kp_undo());
    return { live, background, pods, kept: state.kept, entries: start, scrubMs: scrub.replayMs, undoMs: undo.ms, undone: undo.ok,
      keptMb: state.keptBytes / 1048576, liveMb: state.liveBytes / 1048576, budgetMb: state.budgetBytes / 1048576 };
  });
  // Undo as it was: the journal before the last command saved, then a reload that replays it.
  await page.evaluate(() => window.kubeplay.persistence.save());
  const reloadStarted = Date.now();
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 120000 });
  const reloadMs = Date.now() - reloadStarted;
  await context.close();
  console.log(`long session (150 commands, 2 virtual hours, ${long.pods} pods): typed in ${long.live.toFixed(0)} ms, ` +
    `checkpoints kept ${long.kept} (background ${long.background.toFixed(0)} ms over the session)`);
  console.log(`checkpoints' memory (estimates): ${long.keptMb.toFixed(0)} MB kept of a ${long.budgetMb.toFixed(0)} MB budget; ` +
    `the live laptop ${long.liveMb.toFixed(0)} MB`);
  console.log(`undo in place from a checkpoint: ${long.undoMs.toFixed(1)} ms; before checkpoints (reload + replay of the journal): ${reloadMs} ms`);
  console.log(`scrub back to the middle (an hour back) from a checkpoint: ${long.scrubMs.toFixed(1)} ms`);
  if (!long.undone) {
    console.log('FAIL undo in the long session');
    failed = true;
  }

  const webgl = await openSite(siteDir, webglArgs);
  try {
    console.log(idleLine(await measureIdle(webgl)));
  } finally {
    await webgl.close();
  }
} catch (e) {
  console.log(`FAIL the benchmark ran to the end: ${e.stack}`);
  failed = true;
} finally {
  await site.close();
}
process.exit(failed ? 1 : 0);
