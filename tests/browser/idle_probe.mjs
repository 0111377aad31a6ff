// What an open page costs while nothing happens: after `minikube start` and a deployment of 3
// pods (two virtual minutes later: all Running; the clock playing at 1x, no input; the kubelet
// still renews its node Lease every 10 s, an API write the map animates), the page's main-thread JavaScript time per second of wall time
// (Chromium's Performance.getMetrics ScriptDuration, which includes the WASM frame function and
// its WebGL calls) and how many visualizer frames it drew. load_bench.mjs prints it; run alone it
// prints the same line:
//   node tests/browser/idle_probe.mjs [site-dir]
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSite } from './harness.mjs';

// Chromium switches for WebGL2 in headless mode (software: SwiftShader), as the visualizer tests.
export const webglArgs = ['--use-gl=swiftshader', '--enable-unsafe-swiftshader'];

// Opens a page on `site` (launched with webglArgs), starts the cluster, lets it settle, then
// measures `seconds` of idle time. Returns { scriptMsPerSecond, taskMsPerSecond, framesPerSecond }.
export async function measureIdle(site, seconds = 6) {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await page.goto(site.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
    await page.evaluate(() => {
      const e = window.kubeplay.engine;
      e.kp_eval('minikube start\nkubectl create deployment web --image=nginx --replicas=3\n');
      e.kp_advance(120000);  // the pods pull their image and run
    });
    await page.waitForTimeout(3000);  // the flows of their start end
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async () => {
      const m = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
      const drawn = await page.evaluate(() => JSON.parse(window.kubeplay.engine.kp_frame_stats()).drawn || 0);
      return { script: m.ScriptDuration, task: m.TaskDuration, at: m.Timestamp, drawn };
    };
    const before = await metrics();
    await page.waitForTimeout(seconds * 1000);
    const after = await metrics();
    const wall = after.at - before.at;
    return {
      scriptMsPerSecond: ((after.script - before.script) * 1000) / wall,
      taskMsPerSecond: ((after.task - before.task) * 1000) / wall,
      framesPerSecond: (after.drawn - before.drawn) / wall,
    };
  } finally {
    await context.close();
  }
}

export function idleLine(r) {
  return `idle page (cluster running, clock at 1x, no input): JS ${r.scriptMsPerSecond.toFixed(1)} ms per second, ` +
    `main thread busy ${r.taskMsPerSecond.toFixed(1)} ms per second, ${r.framesPerSecond.toFixed(1)} visualizer frames drawn per second`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const site = await openSite(resolve(process.argv[2] || 'build/site'), webglArgs);
  try {
    console.log(idleLine(await measureIdle(site)));
  } finally {
    await site.close();
  }
}
