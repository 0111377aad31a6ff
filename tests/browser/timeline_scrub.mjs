// Browser test: the timeline's scrub and Ctrl+C at 1x.
//  - `kubectl get pods -w` with the clock at 1x keeps the tab busy and stops on Ctrl+C;
//  - scrubbing back to before `kubectl create deployment` shows the cluster without the
//    deployment's pods while the live cluster has them; stepping forward moves to the next
//    moment something happened; the terminal keeps working on the live cluster meanwhile;
//    "back to live" shows the live cluster again. Prints how long the replay took.
//   node tests/browser/timeline_scrub.mjs [site-dir]
import { resolve } from 'node:path';
import { checker, openSite, terminal, runChecks, openReadyPage } from './harness.mjs';

const site = await openSite(resolve(process.argv[2] || 'build/site'), ['--use-gl=swiftshader', '--enable-unsafe-swiftshader']);
const c = checker();

const podsOf = (view, prefix) => {
  const pods = [];
  for (const node of view.nodes || []) for (const p of node.pods || []) if (p.name.startsWith(prefix)) pods.push(p.name);
  for (const p of view.unscheduledPods || []) if (p.name.startsWith(prefix)) pods.push(p.name);
  return pods.sort();
};

await runChecks(site, c, async () => {
  const errors = [];
  const page = await openReadyPage(site, errors);
  const term = terminal(page);
  await page.click('#terminal');
  await term.type('minikube start');
  let text = await term.waitFor('Done!', 10000);
  c.check('minikube start', text.includes('Done!'), text);
  const now = () => page.evaluate(() => window.kubeplay.engine.kp_now_ms());
  await page.waitForTimeout(1200);
  const beforeCreate = await now();
  await page.waitForTimeout(1200);
  await term.type('kubectl create deployment web --image=nginx --replicas=2');
  await term.waitFor('deployment.apps/web created');

  // Ctrl+C at 1x (the clock as the learner has it by default).
  c.check('the clock runs at 1x', await page.evaluate(() => document.querySelector('#time-controls [data-speed="1"]').classList.contains('active')), 'speed');
  await term.type('kubectl get pods -w');
  text = await term.waitFor('web-', 5000);
  c.check('get -w lists the pods and keeps the tab', text.includes('web-') &&
    await page.evaluate(() => window.kubeplay.terminals.terminal.busy), text);
  await page.waitForTimeout(1500);
  await page.keyboard.press('Control+C');
  text = await term.waitFor('^C');
  const busy = await page.evaluate(() => window.kubeplay.terminals.terminal.busy);
  c.check('Ctrl+C at 1x stops the watch and gives the prompt back', !busy && /\^C\n\$$/.test(text.trimEnd()), text.slice(-300));
  await term.type('echo status=$?');
  text = await term.waitFor('status=');
  c.check('$? is 130 after Ctrl+C', text.includes('status=130'), text.slice(-200));

  // Scrub back to before the deployment.
  const live = await page.evaluate(() => window.kubeplay.view());
  c.check('the live cluster has the deployment\'s pods', podsOf(live, 'web-').length === 2, JSON.stringify(podsOf(live, 'web-')));
  let state = await page.evaluate((ms) => window.kubeplay.scrub.to(ms), beforeCreate);
  c.check('scrubbing back shows the past', state.past && state.atMs === beforeCreate && state.liveMs > beforeCreate, JSON.stringify(state));
  console.log(`     replay to ${((state.liveMs - state.atMs) / 1000).toFixed(1)} s before live took ${state.replayMs.toFixed(1)} ms`);
  let past = await page.evaluate(() => window.kubeplay.scrub.view());
  c.check('the past cluster has no deployment pods, its node is there', podsOf(past, 'web-').length === 0 &&
    past.machine === 'Running' && past.nodes.length === 1, JSON.stringify(podsOf(past, 'web-')) + ' ' + past.machine);
  // The canvas draws it (a frame rebuilds the visualizer's view from the shown cluster).
  await page.waitForTimeout(300);
  c.check('the map does not draw the live pods while viewing the past',
    (await page.evaluate(() => window.kubeplay.visualizer.podPosition('default', window.kubeplay.view().nodes[0].pods.find((p) => p.name.startsWith('web-')).name))) === null,
    'a web pod is drawn');

  // Step forward until the deployment appears.
  let steps = 0;
  let last = state.atMs;
  let forwardOk = true;
  while (steps < 200) {
    state = await page.evaluate(() => window.kubeplay.scrub.step(1));
    steps++;
    if (!state.past) break;
    if (state.atMs <= last) forwardOk = false;
    last = state.atMs;
    past = await page.evaluate(() => window.kubeplay.scrub.view());
    if (podsOf(past, 'web-').length > 0) break;
  }
  c.check('stepping forward moves time forward, event by event, to the deployment\'s pods',
    forwardOk && state.past && podsOf(past, 'web-').length === 2, `${steps} steps, ${JSON.stringify(state)}`);
  state = await page.evaluate(() => window.kubeplay.scrub.step(-1));
  past = await page.evaluate(() => window.kubeplay.scrub.view());
  c.check('stepping back goes before them again', state.past && state.atMs < last && podsOf(past, 'web-').length === 0,
    JSON.stringify(state) + ' ' + JSON.stringify(podsOf(past, 'web-')));

  // The terminal stays on the live cluster.
  await term.type('kubectl get deploy web');
  text = await term.waitFor('web   ');
  c.check('the terminal works on the live cluster while viewing the past', /web\s+\d\/2/.test(text), text.slice(-200));
  state = await page.evaluate(() => window.kubeplay.scrub.state());
  c.check('the view stays in the past while the live cluster moves on', state.past && state.liveMs > state.atMs, JSON.stringify(state));

  // The scrub's laptop counts against the checkpoints' memory budget while it is held.
  const memory = async () => page.evaluate(() => {
    for (let i = 0; i < 20 && window.kubeplay.engine.kp_checkpoints_work(20);) i++;
    return window.kubeplay.checkpoints();
  });
  const scrubbing = await memory();
  c.check('the scrub\'s laptop counts against the checkpoints\' budget', scrubbing.heldBytes > 1e6 &&
    scrubbing.keptBytes + scrubbing.heldBytes <= scrubbing.budgetBytes &&
    scrubbing.pageBytes === scrubbing.liveBytes + scrubbing.heldBytes + scrubbing.keptBytes, JSON.stringify(scrubbing));

  state = await page.evaluate(() => window.kubeplay.scrub.live());
  past = await page.evaluate(() => window.kubeplay.scrub.view());
  const backLive = await memory();
  c.check('back to live it is held no more', backLive.heldBytes === 0, JSON.stringify(backLive));
  c.check('back to live shows the live cluster', !state.past && podsOf(past, 'web-').length === 2, JSON.stringify(state));
  await page.waitForTimeout(300);
  c.check('no console errors', errors.length === 0, errors.join('\n'));
});
