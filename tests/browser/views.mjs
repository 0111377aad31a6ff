// Browser test: what the canvas shows besides the map's cards, checked as a learner would see it.
//  - `minikube dashboard` brings the Dashboard view to the front; its tables list the
//    Deployment with its pods ready, the pods, the Service with its ready endpoints and the node.
//  - A DNS lookup from a pod (nslookup, then wget by Service name) is animated on the map as a
//    comet from that pod's chip to the coredns card.
//  - The timeline's text filter: typing into its box (a real click and real keys on the canvas)
//    narrows the Events tab to the events whose text holds the words typed. On the API writes tab
//    it looks through the whole log: the deployment controller's writes, older than the tab's
//    newest 300 records (320 ConfigMaps were created since), still come up when filtered for, and
//    a write appended while a filter is set joins the matches.
//  - In Chinese the inspector's section headers and fixed words are Chinese (原因, 状况, 事件,
//    属主...), drawn with the canvas's CJK subset; the Spec / Status section (open at first, the
//    spec and the status side by side) is there in both.
// The page's read-only hooks: kp_dashboard_state, kp_map_hubs, kp_timeline_state,
// kp_inspector_state (engine_bridge.cpp); kp_timeline_show sets the timeline's tab and filter.
//   node tests/browser/views.mjs [site-dir]
import { resolve } from 'node:path';
import { checker, openSite, openReadyPage, terminal, runChecks } from './harness.mjs';

const site = await openSite(resolve(process.argv[2] || 'build/site'), ['--use-gl=swiftshader', '--enable-unsafe-swiftshader']);
const c = checker();

await runChecks(site, c, async () => {
  const errors = [];
  const page = await openReadyPage(site, errors);
  const term = terminal(page);
  const run = (line) => page.evaluate((l) => window.kubeplay.engine.kp_eval(l + '\n'), line);
  const hook = (name) => page.evaluate((n) => JSON.parse(window.kubeplay.engine[n]()), name);

  await run('minikube start');
  await run('kubectl create deployment web --image=nginx --replicas=2');
  await run('kubectl expose deployment web --port=80');
  await run('kubectl run client --image=busybox:1.37 -- sleep 3600');
  await page.click('#time-controls [data-speed="20"]');
  await page.waitForFunction(() => {
    const out = window.kubeplay.engine.kp_eval('kubectl get pods --no-headers\n');
    return (out.match(/\s1\/1\s+Running/g) || []).length === 3;
  }, null, { timeout: 30000, polling: 500 });
  await page.click('#time-controls [data-speed="1"]');

  // On the map: a DNS lookup from the client pod.
  const hubs0 = await hook('kp_map_hubs');
  const lookup = await run('kubectl exec client -- nslookup web');
  await page.waitForTimeout(150);
  const hubs1 = await hook('kp_map_hubs');
  const fetched = await run('kubectl exec client -- wget -qO- http://web');
  await page.waitForTimeout(150);
  const hubs2 = await hook('kp_map_hubs');
  c.check('nslookup from a pod answers with the Service\'s address', /Name:\s+web\.default\.svc\.cluster\.local/.test(lookup), lookup);
  c.check('a DNS lookup from the pod is animated (pod chip -> coredns)',
    hubs1.dnsFlows >= hubs0.dnsFlows + 1 && hubs1.lastDnsClient === 'default/client' && hubs1.activeFlows >= 1,
    JSON.stringify([hubs0, hubs1]));
  c.check('wget by Service name: a DNS lookup, then the request (client -> Service -> pod)',
    fetched.includes('Welcome to nginx!') && hubs2.dnsFlows >= hubs1.dnsFlows + 1 && hubs2.lastDnsClient === 'default/client' &&
      hubs2.trafficFlows >= hubs1.trafficFlows + 2, JSON.stringify(hubs2));

  // The Dashboard view, opened as the learner opens it.
  const before = await hook('kp_dashboard_state');
  await page.click('#terminal');
  await term.type('minikube dashboard');
  await term.waitFor('Opening http://', 10000);
  await page.waitForTimeout(500);
  const dash = await hook('kp_dashboard_state');
  const rows = dash.rows.join('\n');
  c.check('minikube dashboard brings the Dashboard view to the front (it was behind the map)',
    !before.visible && dash.visible, JSON.stringify([before.visible, dash.visible]));
  c.check('the Dashboard lists the Deployment with 2/2 pods ready', /^workloads \| web \| Deployment \| default \| 2\/2$/m.test(rows), rows);
  c.check('the Dashboard lists the web pods Running on minikube and the client pod',
    (rows.match(/^pods \| web-\S+ \| default \| 1\/1 \| Running \| 0 \| minikube$/gm) || []).length === 2 &&
      /^pods \| client \| default \| 1\/1 \| Running \| 0 \| minikube$/m.test(rows), rows);
  c.check('the Dashboard lists the Service with 2/2 endpoints ready and the node Ready',
    /^services \| web \| default \| ClusterIP \| 10\.\S+ +80\/TCP \| 2\/2$/m.test(rows) &&
      /^nodes \| minikube \| Ready \| control-plane \| 192\.168\.49\.2 \| \d+ \/ 110$/m.test(rows), rows);
  c.check('kube-system pods are hidden unless asked for', !rows.includes('kube-system'), rows);
  await page.keyboard.press('Control+C');
  await page.waitForTimeout(200);

  // The timeline's text filter, typed into its box on the canvas (the clock paused: no new events).
  await page.click('#time-play');
  await page.waitForTimeout(200);
  const all = await hook('kp_timeline_state');
  const box = all.filterBox;
  const canvas = await page.evaluate(() => {
    const r = document.getElementById('canvas').getBoundingClientRect();
    return { x: r.left, y: r.top };
  });
  await page.mouse.click(canvas.x + box.x + Math.min(40, box.w / 2), canvas.y + box.y + box.h / 2);
  await page.keyboard.type('Pulled', { delay: 30 });
  await page.waitForTimeout(300);
  const filtered = await hook('kp_timeline_state');
  const events = await page.evaluate(() => window.kubeplay.view().events);
  const pulled = events.filter((e) => [e.reason, e.object, e.message, e.source].join(' ').toLowerCase().includes('pulled'));
  c.check('typing into the timeline\'s filter box narrows the Events tab to the matching events',
    all.tab === 'events' && filtered.filter === 'Pulled' && filtered.shownRows === pulled.length && pulled.length >= 3 &&
      filtered.shownRows < all.shownRows, JSON.stringify([all, filtered, pulled.length]));
  c.check('the terminal did not receive the keys typed into the canvas',
    !(await page.evaluate(() => window.kubeplay.terminals.terminal.line.includes('Pulled'))), 'typed into the terminal');
  // One key per frame at least: ImGui reads the keys of a frame together, and a loaded machine
  // can run a frame slower than presses without a pause arrive.
  for (let i = 0; i < 30 && (await hook('kp_timeline_state')).filter !== ''; i++) {
    await page.keyboard.press('Backspace', { delay: 30 });
    await page.waitForTimeout(80);
  }
  await page.waitForTimeout(300);
  const cleared = await hook('kp_timeline_state');
  c.check('clearing the filter lists every event again', cleared.filter === '' && cleared.shownRows === all.shownRows,
    JSON.stringify(cleared));

  // The API writes tab filters its whole log, not only its newest 300 records.
  const script = Array.from({ length: 320 }, (_, i) => `kubectl create configmap filler-${i} --from-literal=n=${i}`).join('\n');
  await run(script);
  const newest = await page.evaluate(() => JSON.parse(window.kubeplay.engine.kp_timeline_rows('writes')));
  c.check('the deployment controller\'s writes are older than the writes tab\'s newest 300 records',
    newest.length === 300 && !newest.some((r) => r.who === 'deployment-controller'), JSON.stringify(newest.slice(0, 3)));
  const show = async (tab, filter) => {
    await page.evaluate(([t, f]) => window.kubeplay.engine.kp_timeline_show(t, f), [tab, filter]);
    await page.waitForTimeout(300);
    return hook('kp_timeline_state');
  };
  const byController = await show('writes', 'deployment-controller');
  c.check('filtering the API writes for the deployment controller finds its old writes (the ReplicaSet it created)',
    byController.tab === 'writes' && byController.filter === 'deployment-controller' && byController.matchedRows >= 2 &&
      byController.shownRows === byController.matchedRows && byController.rows.length === byController.shownRows &&
      byController.rows.every((r) => r.startsWith('deployment-controller ')) &&
      byController.rows.some((r) => /^deployment-controller create replicasets\.apps\/default\/web-/.test(r)),
    JSON.stringify({ ...byController, rows: byController.rows.slice(-5) }));
  const unfiltered = await show('writes', '');
  c.check('without a filter the tab lists the newest 300 of all its writes', unfiltered.shownRows === 300 &&
    unfiltered.matchedRows > 320 && unfiltered.rows[299].includes('configmaps/default/filler-319'),
    JSON.stringify([unfiltered.shownRows, unfiltered.matchedRows, unfiltered.rows[299]]));
  const before1 = await show('writes', 'late-one');
  await run('kubectl create configmap late-one');
  await page.waitForTimeout(300);
  const after1 = await hook('kp_timeline_state');
  c.check('a write appended while the filter is set joins its matches', before1.matchedRows === 0 && after1.matchedRows === 1 &&
    /^kubectl\S* create configmaps\/default\/late-one/.test(after1.rows[0] || ''),
    JSON.stringify([before1.matchedRows, after1.matchedRows, after1.rows.slice(-3)]));
  await show('events', '');

  // The inspector in Chinese: its headers and fixed words follow the page's language.
  const webPod = (await page.evaluate(() => window.kubeplay.view().nodes[0].pods)).find((p) => p.name.startsWith('web-'));
  await page.evaluate((n) => window.kubeplay.engine.kp_select('pod', 'default', n), webPod.name);
  await page.waitForTimeout(300);
  const english = await hook('kp_inspector_state');
  await page.selectOption('#language', 'zh');
  await page.waitForFunction(() => window.kubeplay.engine.kp_canvas_has_glyph(0x72b6), null, { timeout: 10000 }).catch(() => {});
  await page.waitForTimeout(300);
  const chinese = await hook('kp_inspector_state');
  const glyphs = await page.evaluate(() => ['状', '况', '属', '规', '约'].every((ch) => window.kubeplay.engine.kp_canvas_has_glyph(ch.codePointAt(0))));
  c.check('in English the inspector shows Why, Changed by, Conditions, Spec / Status, Events and YAML',
    ['Why', 'Changed by', 'Conditions', 'Spec / Status', 'Events', 'YAML'].every((h) => english.headers.includes(h)) &&
      english.labels.includes('owned by') && english.labels.includes('spec (wanted)') && english.labels.includes('status (observed)'),
    JSON.stringify(english));
  c.check('in Chinese the inspector\'s headers and words are Chinese, and the canvas font has their characters',
    ['原因', '修改者', '状况', '规约 / 状态', '事件', 'YAML'].every((h) => chinese.headers.includes(h)) &&
      chinese.labels.includes('属主') && chinese.labels.includes('类型') && chinese.labels.includes('spec（期望）') && glyphs, JSON.stringify(chinese) + ' glyphs ' + glyphs);
  // The components' descriptions (and a node's: its kubelet) in Chinese too.
  const describe = async (kind, name) => {
    await page.evaluate(([k, n]) => window.kubeplay.engine.kp_select(k, '', n), [kind, name]);
    await page.waitForTimeout(300);
    return (await hook('kp_inspector_state')).labels;
  };
  const zhRoles = {
    'kube-apiserver': '集群的大门', etcd: 'API 服务器背后的数据库', 'kube-scheduler': '打分插件',
    'kube-controller-manager': '运行各个控制器', coredns: '集群的 DNS', 'kube-proxy': '就绪端点 Pod',
  };
  const shownRoles = {};
  for (const name of Object.keys(zhRoles)) shownRoles[name] = await describe('component', name);
  const nodeNames = await page.evaluate(() => window.kubeplay.view().nodes.map((n) => n.name));
  const nodeLabels = await describe('node', nodeNames[0]);
  const roleGlyphs = await page.evaluate(() => Array.from('调度器插件控制器端点').every((ch) => window.kubeplay.engine.kp_canvas_has_glyph(ch.codePointAt(0))));
  c.check('in Chinese the components\' descriptions and ready counts are Chinese, and the canvas font has their characters',
    Object.entries(zhRoles).every(([name, words]) => shownRoles[name].some((l) => l.includes(words))) &&
      shownRoles.coredns.some((l) => /^\d+\/\d+ 个 Pod 就绪$/.test(l)) && shownRoles['kube-apiserver'].includes('服务中') &&
      nodeLabels.some((l) => l.includes('kubelet 运行绑定到它的 Pod')) && roleGlyphs,
    JSON.stringify({ shownRoles, nodeLabels, roleGlyphs }));
  await page.evaluate((n) => window.kubeplay.engine.kp_select('pod', 'default', n), webPod.name);
  await page.selectOption('#language', 'en');
  await page.waitForTimeout(300);
  const englishRole = await describe('component', 'coredns');
  await page.evaluate((n) => window.kubeplay.engine.kp_select('pod', 'default', n), webPod.name);
  await page.waitForTimeout(300);
  c.check('back in English a component\'s description is English again',
    englishRole.some((l) => l.startsWith('The cluster\'s DNS')) && englishRole.some((l) => /^\d+\/\d+ pods ready$/.test(l)),
    JSON.stringify(englishRole));
  const back = await hook('kp_inspector_state');
  c.check('back in English the inspector is English again', back.headers.includes('Conditions') && !back.headers.includes('状况'),
    JSON.stringify(back.headers));
  c.check('no console errors', errors.length === 0, errors.join('\n'));
});
