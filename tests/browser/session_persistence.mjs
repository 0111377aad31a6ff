// Browser test: terminal tabs, commands that keep running, and the session's journal.
//  - a second tab runs `kubectl get -w`, which prints as pods start and stops on Ctrl+C;
//  - reload restores the cluster, both tabs' text and the history;
//  - a share link opened in a fresh browser replays to the same cluster;
//  - undo takes the last command back, from a checkpoint or (a memory budget below one laptop)
//    from the start; the exported manifests hold the learner's objects.
//   node tests/browser/session_persistence.mjs [site-dir]
import { resolve } from 'node:path';
import { checker, openSite, terminal } from './harness.mjs';

const site = await openSite(resolve(process.argv[2] || 'build/site'));
const c = checker();

async function open(page, url) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  return errors;
}

// The pods of deployment `web` in the visualizer's view, as "name phase".
const webPods = (page) => page.evaluate(() => {
  const view = window.kubeplay.view();
  const pods = [];
  for (const node of view.nodes || []) for (const p of node.pods || []) if (p.name.startsWith('web-')) pods.push(p.name + ' ' + p.status);
  for (const p of view.unscheduledPods || []) if (p.name.startsWith('web-')) pods.push(p.name + ' ' + p.status);
  return pods.sort();
});

try {
  const page = await site.browser.newPage();
  const errors = await open(page, site.url);
  const term = terminal(page);
  await page.click('#terminal');
  await term.type('minikube start');
  let text = await term.waitFor('Done!', 10000);
  c.check('minikube start in tab 1', text.includes('Done!'), text);
  await term.type('kubectl create deployment web --image=nginx --replicas=2');
  await term.waitFor('deployment.apps/web created');

  // Tab 2 watches; the first tab stays free.
  await page.click('#terminal-tabs .tab-add');
  c.check('a second tab opens and is active', await page.evaluate(() => window.kubeplay.terminals.tabs.length === 2 &&
    window.kubeplay.terminals.active === 1), 'tabs');
  await term.type('kubectl get pods -w');
  await page.click('#time-controls [data-speed="20"]');
  await page.evaluate(() => window.kubeplay.terminals.terminal.term.focus());
  text = await term.waitFor('Running', 10000);
  c.check('get -w prints the pods as they start', /web-\S+\s+1\/1\s+Running/.test(text), text);
  c.check('the tab is busy while the watch runs', await page.evaluate(() => window.kubeplay.terminals.terminal.busy), 'not busy');
  await page.keyboard.press('Control+C');
  text = await term.waitFor('^C');
  c.check('Ctrl+C stops the watch and gives the prompt back', /\^C\n\$ $/.test(text.trimEnd() + ' ') || text.trimEnd().endsWith('^C\n$'), text);
  await term.type('echo status=$?');
  text = await term.waitFor('status=');
  c.check('$? is 130 after Ctrl+C', text.includes('status=130'), text);
  await page.click('#time-controls [data-speed="1"]');
  const podsBefore = await webPods(page);

  // Reload: the same cluster, the same tabs and text.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  c.check('reload keeps both tabs', await page.evaluate(() => window.kubeplay.terminals.tabs.length) === 2, 'tabs');
  const podsAfter = await webPods(page);
  c.check('reload restores the cluster (same pods)', podsAfter.length === 2 && JSON.stringify(podsAfter) === JSON.stringify(podsBefore),
    JSON.stringify(podsBefore) + ' vs ' + JSON.stringify(podsAfter));
  text = await terminal(page).screen();
  c.check('reload shows tab 1 as it was', text.includes('deployment.apps/web created'), text);
  await page.evaluate(() => window.kubeplay.terminals.select(1));
  text = await terminal(page).screen();
  c.check('reload shows tab 2 as it was', text.includes('status=130'), text);
  const history = await page.evaluate(() => JSON.parse(localStorage.getItem('kubeplay.history') || '[]'));
  c.check('the history is kept', history.includes('kubectl get pods -w'), JSON.stringify(history));

  // Share: a fresh browser opens the link and replays to the same state.
  const link = await page.evaluate(() => window.kubeplay.persistence.shareLink());
  c.check('the share link carries the session in its fragment', /#j=[A-Za-z0-9_-]+$/.test(link) && link.length < 4000, link);
  const other = await site.browser.newPage();
  const otherErrors = await open(other, link);
  const podsShared = await webPods(other);
  c.check('the share link replays to the same pods', JSON.stringify(podsShared) === JSON.stringify(podsBefore),
    JSON.stringify(podsShared));
  c.check('the link fragment is dropped after loading', !(await other.evaluate(() => location.hash)), 'hash kept');

  // Undo takes back the last command.
  await page.evaluate(() => window.kubeplay.terminals.select(0));
  await terminal(page).type('kubectl delete deployment web');
  await terminal(page).waitFor('deleted');
  // In place (no reload): the engine carries on from its checkpoint just before the command.
  await page.evaluate(() => { window.notReloaded = true; });
  await page.waitForFunction(() => window.kubeplay.checkpoints().kept >= window.kubeplay.checkpoints().wanted,
    null, { timeout: 15000 }).catch(() => {});
  await page.click('#session-undo');
  await page.waitForTimeout(300);
  const undone = await page.evaluate(() => ({
    same: window.notReloaded === true,
    ms: window.kubeplay.persistence.lastUndoMs,
    journal: JSON.parse(window.kubeplay.engine.kp_journal()).entries.filter((e) => e[0] === 'run').slice(-1)[0],
    saved: JSON.parse(localStorage.getItem('kubeplay.journal')).entries.filter((e) => e[0] === 'run').slice(-1)[0],
  }));
  const screen = await terminal(page).screen();
  const deployments = await page.evaluate(() => window.kubeplay.engine.kp_eval('kubectl get deploy -o name\n'));
  c.check('undo brings the deleted deployment back, in place', deployments.includes('deployment.apps/web') && undone.same,
    deployments + JSON.stringify(undone));
  c.check('after undo the journal (and the saved copy) ends before the undone command',
    undone.journal[2] !== 'kubectl delete deployment web' && JSON.stringify(undone.saved) === JSON.stringify(undone.journal),
    JSON.stringify(undone));
  c.check('after undo the terminal shows the session up to the command before', !screen.includes('kubectl delete deployment web') &&
    screen.trimEnd().endsWith('$'), screen.slice(-300));
  console.log(`     undo in place: ${undone.ms.toFixed(1)} ms`);

  // The checkpoints' memory: within the budget; a budget smaller than one laptop keeps none, and
  // undo then replays from the start (still in place). The figures are those of the last step
  // of the page's idle work: read once it has caught up (when the page had idle time before the
  // undo, its last step could come before the clock's latest advance).
  let memory = await page.evaluate(() => {
    while (window.kubeplay.engine.kp_checkpoints_work(50)) { /* what the page's idle callback does */ }
    return window.kubeplay.checkpoints();
  });
  c.check('the checkpoints report their memory within the 256 MiB budget', memory.budgetBytes === 256 * 1024 * 1024 &&
    memory.liveBytes > 1e6 && memory.keptBytes <= memory.budgetBytes && memory.peakBytes >= memory.liveBytes,
    JSON.stringify(memory));
  // The budget bounds what the page holds beyond the learner's own session (laptop.h, Limits).
  c.check('the page\'s laptops hold the live one plus at most the budget', memory.kept > 0 &&
    memory.pageBytes === memory.liveBytes + memory.keptBytes + memory.heldBytes &&
    memory.pageBytes - memory.liveBytes <= memory.budgetBytes && memory.liveBytes <= memory.budgetBytes,
    JSON.stringify(memory));
  await page.click('#terminal');  // the keys would go to the focused Undo button
  await terminal(page).type('kubectl scale deployment web --replicas=3');
  await terminal(page).waitFor('scaled');
  await page.evaluate(() => window.kubeplay.engine.kp_checkpoints_budget(window.kubeplay.checkpoints().liveBytes / 2));
  await page.waitForFunction(() => window.kubeplay.checkpoints().kept === 0, null, { timeout: 15000 }).catch(() => {});
  memory = await page.evaluate(() => window.kubeplay.checkpoints());
  c.check('a budget below one laptop keeps no checkpoint', memory.kept === 0 && memory.slots === 0 && memory.wanted === 0 &&
    memory.keptBytes === 0, JSON.stringify(memory));
  await page.click('#session-undo');
  await page.waitForTimeout(300);
  const replicas = await page.evaluate(() => window.kubeplay.engine.kp_eval('kubectl get deploy web -o jsonpath={.spec.replicas}\n'));
  c.check('undo with no checkpoint replays from the start, in place', replicas.trim() === '2' &&
    await page.evaluate(() => window.notReloaded === true), replicas);

  const yaml = await page.evaluate(() => window.kubeplay.engine.kp_export_manifests());
  c.check('the export holds the learner\'s deployment and no system objects',
    yaml.includes('kind: Deployment') && yaml.includes('name: web') && !yaml.includes('kube-system'), yaml.slice(0, 400));
  c.check('no console errors', errors.length === 0 && otherErrors.length === 0, errors.concat(otherErrors).join('\n'));
} catch (e) {
  c.check('the test ran to the end', false, e.stack);
} finally {
  await site.close();
}
process.exit(c.failures ? 1 : 0);
