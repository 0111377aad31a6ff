// A big cluster in the page itself (headless Chromium, software WebGL2): `minikube start
// --nodes=2`, more machines joined at once (kp_bench_add_nodes, as kp_bench's cluster section
// starts its nodes), then `kubectl create deployment web --image=nginx:1.27 --replicas=M` typed
// through the engine, virtual time advanced 10 s at a time with the map drawing in between, until
// the Deployment reports every replica ready. Prints wall times, virtual time, the WebAssembly
// heap, live bytes per running pod (undo checkpoints off) and the visualizer's frame time with the
// cluster on the map.
//   node tests/browser/big_cluster_bench.mjs [site-dir] [--nodes N] [--pods M]
// Defaults are a quick pass (20 nodes, 600 pods); the figure is --nodes 5000 --pods 150000
// (about 15 minutes, a heap near 2.5 GB: the page may grow to 4 GB).
import { resolve } from 'node:path';
import { openSite, openReadyPage } from './harness.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const siteDir = resolve(args.find((a, i) => !a.startsWith('--') && (i === 0 || !args[i - 1].startsWith('--'))) || 'build/site');
const nodes = option('--nodes', 20);
const pods = option('--pods', 600);
const big = pods >= 20000;

const site = await openSite(siteDir, ['--use-gl=swiftshader', '--enable-unsafe-swiftshader']);
let failed = false;
try {
  const errors = [];
  const page = await openReadyPage(site, errors);
  page.setDefaultTimeout(0);
  const engine = (fn, ...a) => page.evaluate(([f, x]) => window.kubeplay.engine[f](...x), [fn, a]);
  const memory = async () => JSON.parse(await engine('kp_memory_state'));
  const mb = (bytes) => (bytes / (1 << 20)).toFixed(0);
  await page.click('#time-play');  // paused: only the benchmark moves virtual time
  // No undo checkpoints: the figures are the cluster's and the page's. (A cluster of this size
  // is beyond the 256 MiB checkpoint budget anyway.)
  await engine('kp_checkpoints_budget', 0);

  let t0 = Date.now();
  await engine('kp_eval', 'minikube start --nodes=2\n');
  const joined = await engine('kp_bench_add_nodes', nodes - 2);
  await engine('kp_advance', 30000);
  const nodesUpS = (Date.now() - t0) / 1000;
  const beforePods = await memory();
  if (big) console.error(`[page] ${joined} nodes up: wall ${nodesUpS.toFixed(1)}s  heap ${mb(beforePods.heapBytes)} MB`);

  t0 = Date.now();
  const v0 = await engine('kp_now_ms');
  const created = await engine('kp_eval', `kubectl create deployment web --image=nginx:1.27 --replicas=${pods}\n`);
  if (!created.includes('deployment.apps/web created')) throw new Error(created);
  let ready = 0;
  for (let i = 0; i < 180 && ready < pods; i++) {
    await engine('kp_advance', 10000);
    await page.waitForTimeout(50);  // the map draws the cluster as it grows
    ready = Number((await engine('kp_eval', 'kubectl get deploy web -o jsonpath={.status.readyReplicas}\n')).trim() || 0);
    if (big) {
      const m = await memory();
      console.error(`[page] virtual ${(i + 1) * 10}s  wall ${((Date.now() - t0) / 1000).toFixed(1)}s  ready ${ready}  heap ${mb(m.heapBytes)} MB  live ${mb(m.liveBytes)} MB`);
    }
  }
  const podsUpS = (Date.now() - t0) / 1000;
  const virtualS = ((await engine('kp_now_ms')) - v0) / 1000;
  const after = await memory();

  // The visualizer with the whole cluster on the map: frame CPU time over 3 s of drawing.
  await page.click('#time-play');
  await page.waitForTimeout(3000);
  const frames = JSON.parse(await engine('kp_frame_stats'));
  const map = JSON.parse(await engine('kp_map_state'));

  console.log(`big cluster in the page (${joined} nodes, ${pods} pods): nodes up in ${nodesUpS.toFixed(1)} s wall; ` +
    `${ready} pods ready after ${virtualS} virtual s, ${podsUpS.toFixed(1)} s wall`);
  console.log(`  WebAssembly heap ${mb(after.heapBytes)} MB, live ${mb(after.liveBytes)} MB; ` +
    `${((after.liveBytes - beforePods.liveBytes) / Math.max(ready, 1)).toFixed(0)} live bytes per running pod; ` +
    `frame CPU ${frames.meanMs.toFixed(2)} ms mean, ${frames.maxMs.toFixed(2)} ms max; map aggregated: ${map.aggregated}`);
  if (ready < pods || errors.length) {
    failed = true;
    console.log(`FAIL not every pod became ready, or the page logged errors: ${errors.slice(0, 3).join(' | ')}`);
  }
} finally {
  await site.close();
}
process.exit(failed ? 1 : 0);
