// Frame-time benchmark of the visualizer in headless Chromium (software WebGL2): the CPU time of
// one frame (ImGui calls, Render, GL submission; platform_web.cpp measures it) with a made-up
// cluster of 1,000 and 5,000 pods on screen (50 pods a node, all drawn as chips), next to the
// page's own idle cluster after `minikube start`. Prints figures; judges nothing.
//   node tests/browser/visualizer_bench.mjs [site-dir] [screenshot-prefix]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require(resolve('web/node_modules/playwright-core'));

const siteDir = resolve(process.argv[2] || 'build/site');
const shots = process.argv[3] ? resolve(process.argv[3]) : null;
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml' };
const server = createServer(async (req, res) => {
  const path = join(siteDir, decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/\/$/, '/index.html'));
  try {
    const body = await readFile(path);
    res.writeHead(200, { 'content-type': types[extname(path)] || 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--use-gl=swiftshader', '--enable-unsafe-swiftshader'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await page.evaluate(() => window.kubeplay.engine.kp_eval('minikube start\n'));
  const measure = async (label, pods) => {
    await page.evaluate((n) => window.kubeplay.engine.kp_bench_view(n), pods);
    await page.waitForTimeout(4000);  // a full window of frames with this view
    const s = await page.evaluate(() => JSON.parse(window.kubeplay.engine.kp_frame_stats()));
    console.log(`visualizer frame CPU time, ${label}: mean ${s.meanMs.toFixed(2)} ms, max ${s.maxMs.toFixed(2)} ms over ${s.frames} frames`);
    if (shots) await page.screenshot({ path: `${shots}-${pods}.png` });
  };
  await measure('minikube start (8 pods)', 0);
  await measure('1,000 pods (20 nodes)', 1000);
  await measure('5,000 pods (100 nodes)', 5000);
} finally {
  await browser.close();
  server.close();
}
