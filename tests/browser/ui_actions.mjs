// Browser test: the page's buttons that the other tests leave alone.
//  - Fault injection from the visualizer's inspector. Each button types its command into the
//    terminal (the learner sees what changed the cluster) and the cluster reacts: the
//    scheduler's "stop" moves its static pod manifest away and a new pod stays Pending, "start"
//    brings it back and the pod is scheduled; a node's "drain" evicts its pods (--force: minikube's
//    storage-provisioner is a bare pod), "uncordon" lets them back; a pod's "delete (kill) pod" deletes it;
//    "crash container" (one button per container) runs `kubectl exec POD -c C -- kill 1` and the
//    container restarts (RESTARTS 1 (Ns ago)). The buttons are driven through the page's
//    test hooks (kp_select selects as a click on the map does; kp_inspector_act does what the
//    button with that label does).
//  - Time controls: "skip to next event" jumps to the cluster's next timer, 5x runs five
//    virtual seconds a second.
//  - The map: the wheel zooms (wheel up zooms in, one notch one step), a drag pans, a node with
//    more pods than fit as chips shows counts.
//  - kubectl proxy and minikube tunnel keep the terminal until Ctrl+C; lesson Markdown never
//    turns markup into elements; Ctrl+L clears the terminal; Open replays a saved session file;
//    Reset starts a fresh laptop.
//   node tests/browser/ui_actions.mjs [site-dir]
import { resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { checker, openSite, openReadyPage, terminal, runChecks } from './harness.mjs';

const siteDir = resolve(process.argv[2] || 'build/site');
const site = await openSite(siteDir, ['--use-gl=swiftshader', '--enable-unsafe-swiftshader']);
const c = checker();

await runChecks(site, c, async () => {
  const errors = [];
  const page = await openReadyPage(site, errors);
  const term = terminal(page);
  const type = async (line) => { await page.click('#terminal'); await term.type(line); };
  const engine = (fn, ...args) => page.evaluate(([f, a]) => window.kubeplay.engine[f](...a), [fn, args]);
  const view = () => page.evaluate(() => window.kubeplay.view());
  const component = async (name) => (await view()).controlPlane.find((x) => x.name === name);
  const podPhase = async (name) => {
    const v = await view();
    const all = v.nodes.flatMap((n) => n.pods).concat(v.unscheduledPods);
    const pod = all.find((p) => p.name === name);
    return pod ? pod.status : 'absent';
  };
  // Lets virtual time run (20x) until `condition` holds in the page.
  const until = async (condition, arg) => {
    await page.click('#time-controls [data-speed="20"]');
    try {
      await page.waitForFunction(condition, arg, { timeout: 15000 });
      return true;
    } catch {
      return false;
    }
  };

  await type('minikube start');
  await term.waitFor('Done!', 15000);

  await engine('kp_select', 'component', '', 'kube-scheduler');
  const labels = JSON.parse(await engine('kp_inspector_actions')).map((a) => a.label);
  c.check('the scheduler\'s card offers stop and start', labels.join(',') === 'stop,start', labels.join(','));
  await engine('kp_inspector_act', 'stop');
  let text = await term.waitFor('/etc/kubernetes/\n$ ');
  c.check('stop types its command into the terminal',
    text.includes('$ minikube ssh -- sudo mv /etc/kubernetes/manifests/kube-scheduler.yaml /etc/kubernetes/'), text.slice(-300));
  const stopped = await until(() => !window.kubeplay.view().controlPlane.find((x) => x.name === 'kube-scheduler').running);
  const flowsBefore = await page.evaluate(() => window.kubeplay.visualizer.hubs());
  await type('kubectl run lonely --image=nginx');
  await page.waitForTimeout(1500);
  const flowsStopped = await page.evaluate(() => window.kubeplay.visualizer.hubs());
  c.check('with the scheduler stopped a new pod stays Pending', stopped && (await podPhase('lonely')) === 'Pending',
    JSON.stringify(await component('kube-scheduler')) + ' ' + await podPhase('lonely'));
  await engine('kp_inspector_act', 'start');
  const running = await until(() => window.kubeplay.view().controlPlane.find((x) => x.name === 'kube-scheduler').running);
  const scheduled = await until(() => window.kubeplay.view().nodes.some((n) => n.pods.some((p) => p.name === 'lonely' && p.status === 'Running')));
  c.check('start runs the scheduler again and the pod is scheduled', running && scheduled,
    JSON.stringify(await component('kube-scheduler')) + ' ' + await podPhase('lonely'));
  const flowsAfter = await page.evaluate(() => window.kubeplay.visualizer.hubs());
  c.check('the map animates the API writes, and a binding only once the scheduler runs',
    flowsStopped.apiWriteFlows > flowsBefore.apiWriteFlows && flowsStopped.schedulingFlows === flowsBefore.schedulingFlows &&
      flowsAfter.schedulingFlows > flowsStopped.schedulingFlows, JSON.stringify([flowsBefore, flowsStopped, flowsAfter]));

  await engine('kp_select', 'node', '', 'minikube');
  const nodeLabels = JSON.parse(await engine('kp_inspector_actions')).map((a) => a.label);
  c.check('a node offers cordon, drain, stop and start', ['cordon', 'uncordon', 'drain', 'stop node', 'start node'].every((l) => nodeLabels.includes(l)),
    nodeLabels.join(','));
  await engine('kp_inspector_act', 'drain');
  text = await term.waitFor('node/minikube drained', 10000);
  c.check('drain runs kubectl drain and evicts the pods', text.includes('$ kubectl drain minikube --ignore-daemonsets --delete-emptydir-data --force') &&
    text.includes('node/minikube drained'), text.slice(-600));
  await engine('kp_inspector_act', 'uncordon');
  text = await term.waitFor('node/minikube uncordoned');
  c.check('uncordon lets pods back', text.includes('node/minikube uncordoned'), text.slice(-200));

  await type('kubectl run victim --image=nginx');
  await until(() => window.kubeplay.view().nodes.some((n) => n.pods.some((p) => p.name === 'victim' && p.status === 'Running')));
  await engine('kp_select', 'pod', 'default', 'victim');
  // "crash container": kill 1 in the container; nginx exits on SIGTERM and the kubelet restarts it.
  const restarts = async (name) => {
    const v = await view();
    const pod = v.nodes.flatMap((n) => n.pods).find((p) => p.name === name);
    return pod ? pod.restarts : -1;
  };
  const podLabels = JSON.parse(await engine('kp_inspector_actions')).map((a) => a.label);
  c.check('a one-container pod offers one crash button', podLabels.filter((l) => l.startsWith('crash')).join(',') === 'crash container',
    podLabels.join(','));
  await engine('kp_inspector_act', 'crash container');
  text = await term.waitFor('$ kubectl exec victim -c victim -- kill 1\n$ ', 10000);
  const crashed = await until(() => window.kubeplay.view().nodes.some((n) => n.pods.some((p) => p.name === 'victim' && p.restarts === 1 && p.status === 'Running')));
  const row = await engine('kp_eval', 'kubectl get pod victim --no-headers\n');
  c.check('crash container runs kubectl exec ... kill 1 and the container restarts (RESTARTS 1 (Ns ago))',
    crashed && /victim\s+1\/1\s+Running\s+1 \(\d+s ago\)/.test(row), `${crashed} ${row} ${text.slice(-200)}`);
  await engine('kp_inspector_act', 'delete (kill) pod');
  text = await term.waitFor('pod "victim" deleted', 10000);
  c.check('a pod\'s kill button deletes it in the terminal', text.includes('$ kubectl delete pod victim') && text.includes('pod "victim" deleted'),
    text.slice(-200));

  // A pod with two containers: one crash button each; crashing one restarts only that one.
  await engine('kp_eval', 'kubectl apply -f - <<EOF\napiVersion: v1\nkind: Pod\nmetadata:\n  name: duo\nspec:\n  containers:\n' +
    '  - name: web\n    image: nginx\n  - name: cache\n    image: redis:6.0.5\nEOF\n');
  await until(() => window.kubeplay.view().nodes.some((n) => n.pods.some((p) => p.name === 'duo' && p.status === 'Running')));
  await engine('kp_select', 'pod', 'default', 'duo');
  const duoLabels = JSON.parse(await engine('kp_inspector_actions')).map((a) => a.label);
  c.check('a two-container pod offers a crash button per container', duoLabels.filter((l) => l.startsWith('crash')).join(',') === 'crash web,crash cache',
    duoLabels.join(','));
  await engine('kp_inspector_act', 'crash web');
  text = await term.waitFor('$ kubectl exec duo -c web -- kill 1\n$ ', 10000);
  const duoCrashed = await until(() => window.kubeplay.view().nodes.some((n) => n.pods.some((p) => p.name === 'duo' && p.restarts === 1 && p.status === 'Running')));
  const counts = await engine('kp_eval', 'kubectl get pod duo -o jsonpath=\'{range .status.containerStatuses[*]}{.name}={.restartCount}{" "}{end}\'\n');
  c.check('crash web restarts the web container only', duoCrashed && counts.includes('web=1') && counts.includes('cache=0'), `${duoCrashed} ${counts}`);
  await engine('kp_eval', 'kubectl delete pod duo --now\n');

  // Time controls.
  const now = () => engine('kp_now_ms');
  await page.click('#time-play');  // pause
  const away = await engine('kp_next_timer_ms');
  const before = await now();
  await page.click('#time-skip');
  const skipped = (await now()) - before;
  c.check('skip to next event jumps to the next timer', away > 0 && skipped === Math.max(1, Math.ceil(away)), `${away} ${skipped}`);
  await page.click('#time-play');  // resume
  await page.click('#time-controls [data-speed="5"]');
  const t0 = await now();
  await page.waitForTimeout(1000);
  const ran = (await now()) - t0;
  c.check('5x runs about five virtual seconds a second', ran >= 3500 && ran <= 9000, `${ran} ms`);
  await page.click('#time-controls [data-speed="20"]');
  const t20 = await now();
  await page.waitForTimeout(1000);
  const ran20 = (await now()) - t20;
  c.check('20x runs about twenty virtual seconds a second', ran20 >= 14000 && ran20 <= 36000, `${ran20} ms`);
  await page.click('#time-controls [data-speed="1"]');
  // An idle page (no command running) hands time to the engine only when the cluster's next timer
  // is due (time.js), yet virtual time follows wall time; asking the engine anything (here the
  // view) hands the owed time over first.
  const idle = await page.evaluate(async () => {
    const k = window.kubeplay;
    const advance = k.clock.raw.kp_advance;
    let calls = 0, frames = 0, on = true;
    k.clock.raw.kp_advance = function () { calls++; return advance.apply(this, arguments); };
    const tick = () => { frames++; if (on) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const t0 = k.engine.kp_now_ms();
    await new Promise((ok) => setTimeout(ok, 2000));
    on = false;
    const moved = k.engine.kp_now_ms() - t0;
    const idleCalls = calls;
    const owed = k.clock.owed;
    k.engine.kp_view();
    const r = { calls: idleCalls, frames, moved, owed: Math.round(owed), owedAfterView: k.clock.owed, timerAway: k.engine.kp_next_timer_ms() };
    k.clock.raw.kp_advance = advance;
    return r;
  });
  c.check('an idle page calls kp_advance only at the cluster\'s timers, and virtual time still follows wall time',
    idle.frames >= 20 && idle.calls * 4 <= idle.frames && idle.moved >= 1400 && idle.moved <= 4000 && idle.owedAfterView < 1,
    JSON.stringify(idle));

  // Blocking commands (kubectl proxy, minikube tunnel) keep their tab until Ctrl+C.
  for (const [line, shows] of [['kubectl proxy', 'Starting to serve on 127.0.0.1:8001'], ['minikube tunnel', 'machine: minikube']]) {
    await type(line);
    const out = await term.waitFor(shows, 10000);
    const busy = await page.evaluate(() => window.kubeplay.terminals.terminal.busy);
    await page.keyboard.press('Control+C');
    await page.waitForTimeout(300);
    const free = !(await page.evaluate(() => window.kubeplay.terminals.terminal.busy));
    c.check(`${line} keeps the terminal until Ctrl+C`, out.includes(shows) && busy && free, `${busy} ${free} ${out.slice(-200)}`);
  }

  // Lesson text and cluster text reach the page as text, never as HTML.
  const md = await page.evaluate(() => {
    const box = window.kubeplay.lessons.markdown('<img src=x onerror="window.pwned=1"> **bold** `code <b>x</b>`');
    document.body.appendChild(box);
    const r = { imgs: box.querySelectorAll('img, b').length, strong: box.querySelectorAll('strong').length, text: box.textContent };
    box.remove();
    return r;
  });
  c.check('Markdown of a lesson makes DOM nodes, markup stays text', md.imgs === 0 && md.strong === 1 &&
    md.text.includes('<img src=x onerror="window.pwned=1">') && md.text.includes('code <b>x</b>') &&
    !(await page.evaluate(() => window.pwned)), JSON.stringify(md));

  // Ctrl+L.
  await page.click('#terminal');
  await page.keyboard.press('Control+L');
  await page.waitForTimeout(200);
  const top = await page.evaluate(() => {
    const buf = window.kubeplay.terminals.terminal.term.buffer.active;
    return buf.getLine(buf.viewportY).translateToString(true);
  });
  c.check('Ctrl+L clears the screen and keeps the prompt', top === '$ ', JSON.stringify(top));

  // Open: a saved session file (what Save downloads) replays after a reload.
  // Save, Export YAML and Share, clicked as a learner does: two downloads and a link.
  await type('kubectl run keeper --image=nginx');
  await term.waitFor('pod/keeper created');
  const download = async (button) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    return { name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8') };
  };
  const savedFile = await download('#session-save');
  const saved = savedFile.text;
  const savedRuns = JSON.parse(saved).entries.filter((e) => e[0] === 'run').map((e) => e[2] || e[1]);
  c.check('Save downloads the session\'s journal as kubeplay-session.json', savedFile.name === 'kubeplay-session.json' &&
    JSON.stringify(savedRuns).includes('kubectl run keeper --image=nginx'), savedFile.name + ' ' + JSON.stringify(savedRuns).slice(-300));
  const manifests = await download('#session-export');
  c.check('Export YAML downloads the learner\'s objects as clean manifests', manifests.name === 'kubeplay-manifests.yaml' &&
    /kind: Pod\n/.test(manifests.text) && manifests.text.includes('name: keeper') && !/^status:/m.test(manifests.text) &&
    !manifests.text.includes('managedFields') && !manifests.text.includes('kube-system'), manifests.name + '\n' + manifests.text.slice(0, 400));
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  let prompted = '';
  const onPrompt = (d) => { prompted = d.defaultValue(); d.dismiss(); };
  page.once('dialog', onPrompt);
  await page.click('#time-play');  // paused: the journal (and so the link) stays as it is
  await page.click('#session-share');
  await page.waitForTimeout(300);
  page.off('dialog', onPrompt);
  const shared = prompted || await page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
  const expectedLink = await page.evaluate(() => window.kubeplay.persistence.shareLink());
  await page.click('#time-play');
  c.check('Share copies the session\'s link (or shows it to copy)', shared === expectedLink && /#j=[A-Za-z0-9_-]+$/.test(shared),
    `${shared.slice(0, 80)} vs ${expectedLink.slice(0, 80)}`);
  await page.click('#terminal');
  await type('kubectl delete pod keeper');
  await term.waitFor('pod "keeper" deleted');
  await Promise.all([
    page.waitForEvent('load'),
    page.setInputFiles('#session-file', { name: 'kubeplay-session.json', mimeType: 'application/json', buffer: Buffer.from(saved) }),
  ]);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  c.check('Open replays a saved session (the pod deleted after saving is back)', (await podPhase('keeper')) !== 'absent',
    await podPhase('keeper'));

  // The map: the wheel zooms, a drag pans; a node with more pods than chips fit shows counts.
  const mapState = () => page.evaluate(() => JSON.parse(window.kubeplay.engine.kp_map_state()));
  const box = await page.$eval('#canvas', (e) => { const r = e.getBoundingClientRect(); return { x: r.left, y: r.top, w: r.width, h: r.height }; });
  const at = { x: box.x + box.w * 0.3, y: box.y + box.h * 0.6 };
  const m0 = await mapState();
  await page.mouse.move(at.x, at.y);
  await page.mouse.wheel(0, -300);
  await page.waitForTimeout(300);
  const m1 = await mapState();
  await page.mouse.down();
  await page.mouse.move(at.x + 60, at.y + 40, { steps: 6 });
  await page.mouse.up();
  await page.waitForTimeout(300);
  const m2 = await mapState();
  // Three notches up (300 pixels): three zoom steps of 15% in, not a jump to a limit.
  c.check('the wheel zooms the map in steps and a drag pans it', m1.zoom / m0.zoom > 1.35 && m1.zoom / m0.zoom < 1.7 && m1.userMoved &&
    Math.abs((m2.pan[0] - m1.pan[0]) * m2.zoom - 60) < 8 && Math.abs((m2.pan[1] - m1.pan[1]) * m2.zoom - 40) < 8,
    JSON.stringify([m0, m1, m2]));
  await type('kubectl create deployment big --image=nginx --replicas=80');
  const crowded = await until(() => JSON.parse(window.kubeplay.engine.kp_map_state()).aggregated >= 1);
  c.check('a node with more than 64 pods is drawn as counts per status', crowded, JSON.stringify(await mapState()));
  await type('kubectl delete deployment big');
  await page.click('#time-controls [data-speed="1"]');

  // The controller-manager's card stops and starts it as the scheduler's does.
  await engine('kp_select', 'component', '', 'kube-controller-manager');
  await engine('kp_inspector_act', 'stop');
  const cmStopped = await until(() => !window.kubeplay.view().controlPlane.find((x) => x.name === 'kube-controller-manager').running);
  await engine('kp_inspector_act', 'start');
  const cmRunning = await until(() => window.kubeplay.view().controlPlane.find((x) => x.name === 'kube-controller-manager').running);
  text = await term.screen();
  c.check('the controller-manager\'s stop and start run their commands and the component stops and runs again',
    cmStopped && cmRunning && text.includes('$ minikube ssh -- sudo mv /etc/kubernetes/manifests/kube-controller-manager.yaml /etc/kubernetes/') &&
    text.includes('$ minikube ssh -- sudo mv /etc/kubernetes/kube-controller-manager.yaml /etc/kubernetes/manifests/'), text.slice(-400));

  // A second node: its "stop node" powers it off (the node goes NotReady), "start node" brings it back.
  await type('minikube node add');
  await term.waitFor('Successfully added m02', 15000);
  const nodeReady = (name) => page.evaluate((n) => (window.kubeplay.view().nodes.find((x) => x.name === n) || {}).ready, name);
  const addedReady = await until(() => window.kubeplay.view().nodes.some((n) => n.name === 'minikube-m02' && n.ready));
  await engine('kp_select', 'node', '', 'minikube-m02');
  await engine('kp_inspector_act', 'stop node');
  text = await term.waitFor('Successfully stopped node minikube-m02', 15000);
  const stoppedOut = text.includes('$ minikube node stop minikube-m02') && text.includes('Successfully stopped node minikube-m02');
  const notReady = await until(() => window.kubeplay.view().nodes.some((n) => n.name === 'minikube-m02' && !n.ready));
  c.check('a node\'s stop node runs minikube node stop and the node goes NotReady', addedReady && stoppedOut && notReady,
    `${addedReady} ${stoppedOut} ${notReady} ${await nodeReady('minikube-m02')} ${text.slice(-300)}`);
  await engine('kp_inspector_act', 'start node');
  text = await term.waitFor('$ minikube node start minikube-m02', 15000);
  const readyAgain = await until(() => window.kubeplay.view().nodes.some((n) => n.name === 'minikube-m02' && n.ready));
  c.check('start node runs minikube node start and the node is Ready again', readyAgain && text.includes('$ minikube node start minikube-m02'),
    `${readyAgain} ${text.slice(-300)}`);
  await page.click('#time-controls [data-speed="1"]');

  // Reset (after its confirmation).
  page.once('dialog', (d) => d.accept());
  await Promise.all([page.waitForEvent('load'), page.click('#session-reset')]);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  const fresh = JSON.parse(await engine('kp_journal')).entries.filter((e) => e[0] !== 'advance');
  c.check('Reset starts a fresh laptop with no cluster', fresh.length === 0 && (await view()).machine !== 'Running',
    JSON.stringify(fresh).slice(0, 200));
  c.check('no console errors', errors.length === 0, errors.join('\n'));
});
