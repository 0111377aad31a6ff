// Frame-time benchmark of the visualizer in headless Chromium (software WebGL2): the CPU time of
// one frame (ImGui calls, Render, GL submission; platform_web.cpp measures it) with a made-up
// cluster of 1,000 and 5,000 pods on screen (50 pods a node, all drawn as chips), next to the
// page's own idle cluster after `minikube start`. Prints figures; judges nothing.
//   node tests/browser/visualizer_bench.mjs [site-dir] [screenshot-prefix]
import { resolve } from 'node:path';
import { openSite } from './harness.mjs';

const siteDir = resolve(process.argv[2] || 'build/site');
const shots = process.argv[3] ? resolve(process.argv[3]) : null;
const site = await openSite(siteDir, ['--use-gl=swiftshader', '--enable-unsafe-swiftshader']);
const { url, browser } = site;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  // Every frame drawn, as when something moves (an idle page skips frames; idle_probe.mjs).
  await page.evaluate(() => { window.kubeplay.engine.kpDrawEveryFrame = true; });
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
  await site.close();
}
