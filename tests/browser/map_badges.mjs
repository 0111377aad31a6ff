// Browser test: what the map draws on pod chips, and the timeline's refusal to replay a cluster
// too big for the page's memory.
//  - A crash-looping pod's chip is red (failing) with a restart badge holding the count
//    `kubectl get pods` prints; a pod whose readiness probe fails is drawn not ready (its
//    readiness strip empty) and without a restart badge; a Running ready pod has a full strip
//    and no badge. Read from kp_map_state's "pods", which the drawing code itself records.
//  - With the replay limit lowered (kp_test_replay_heap_limit, a test-only hook), the scrub's
//    slider and arrows are disabled, hovering it shows why (in English and in Chinese), and
//    scrubbing back stays live; with the real limit the scrub is enabled again and replays.
//   node tests/browser/map_badges.mjs [site-dir]
import { resolve } from 'node:path';
import { checker, openSite, openReadyPage, runChecks } from './harness.mjs';

const site = await openSite(resolve(process.argv[2] || 'build/site'), ['--use-gl=swiftshader', '--enable-unsafe-swiftshader']);
const c = checker();

await runChecks(site, c, async () => {
  const errors = [];
  const page = await openReadyPage(site, errors);
  const run = (line) => page.evaluate((l) => window.kubeplay.engine.kp_eval(l + '\n'), line);
  const hook = (name) => page.evaluate((n) => JSON.parse(window.kubeplay.engine[n]()), name);

  await run('minikube start');
  const startMs = await page.evaluate(() => window.kubeplay.engine.kp_now_ms());
  await run('kubectl run crash --image=busybox:1.37 -- false');
  await run('kubectl run ok --image=nginx');
  await run(['cat <<EOF | kubectl apply -f -', 'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: notready', 'spec:',
    '  containers:', '  - name: web', '    image: nginx', '    readinessProbe:', '      httpGet:', '        path: /missing',
    '        port: 80', '      periodSeconds: 2', 'EOF'].join('\n'));
  await page.click('#time-controls [data-speed="20"]');
  await page.waitForFunction(() => {
    const out = window.kubeplay.engine.kp_eval('kubectl get pods --no-headers\n');
    return /^crash\s+0\/1\s+\S+\s+[2-9]/m.test(out) && /^ok\s+1\/1\s+Running\s/m.test(out) && /^notready\s+0\/1\s+Running\s/m.test(out);
  }, null, { timeout: 60000, polling: 500 }).catch(() => {});
  await page.click('#time-play');  // pause: the counts stay put while the map and kubectl are compared
  await page.waitForTimeout(500);
  const pods = await run('kubectl get pods --no-headers');
  const restarts = Number((pods.match(/^crash\s+\S+\s+\S+\s+(\d+)/m) || [])[1]);
  const drawn = (await hook('kp_map_state')).pods;
  const chip = (name) => drawn.find((p) => p.pod === 'default/' + name) || {};
  const crash = chip('crash'), ok = chip('ok'), notready = chip('notready');
  c.check('the crash-looping pod has restarted at least twice', restarts >= 2, pods);
  c.check('its chip is drawn red with a restart badge holding the count kubectl get pods prints',
    crash.color === 'failing' && crash.restartBadge === (restarts > 9 ? '9+' : String(restarts)) && crash.readiness === 'not-ready',
    JSON.stringify(crash) + '\n' + pods);
  c.check('the pod whose readiness probe fails is drawn not ready, without a restart badge',
    notready.readiness === 'not-ready' && notready.readyFill === 0 && notready.restartBadge === null && notready.color === 'progressing',
    JSON.stringify(notready) + '\n' + pods);
  c.check('the Running ready pod is drawn green, ready, with neither badge',
    ok.color === 'running' && ok.readiness === 'ready' && ok.readyFill === 1 && ok.restartBadge === null, JSON.stringify(ok));

  // The scrub refuses a cluster too big to replay.
  const canvas = await page.evaluate(() => {
    const r = document.getElementById('canvas').getBoundingClientRect();
    return { x: r.left, y: r.top };
  });
  const hoverScrub = async () => {
    await page.mouse.move(canvas.x + 5, canvas.y + 5);
    await page.waitForTimeout(200);
    const box = (await hook('kp_timeline_state')).scrub.box;
    await page.mouse.move(canvas.x + box.x + box.w / 2, canvas.y + box.y + box.h / 2);
    await page.waitForTimeout(400);
    return (await hook('kp_timeline_state')).scrub;
  };
  const liveBytes = await page.evaluate(() => window.kubeplay.engine.kp_test_replay_heap_limit(1024));
  await page.waitForTimeout(300);
  const refused = await hoverScrub();
  const stayed = await page.evaluate((ms) => window.kubeplay.scrub.to(ms), startMs + 1000);
  c.check('too big to replay: the scrub is disabled and its tooltip says why',
    refused.disabled && refused.tooltip === 'This cluster is too big to replay within the page\'s memory', JSON.stringify(refused));
  c.check('too big to replay: scrubbing back stays on the live cluster', !stayed.past, JSON.stringify(stayed));
  await page.selectOption('#language', 'zh');
  await page.waitForTimeout(300);
  const refusedZh = await hoverScrub();
  c.check('in Chinese the tooltip says why in Chinese', refusedZh.disabled && refusedZh.tooltip === '这个集群太大，页面的内存不够重放它',
    JSON.stringify(refusedZh));
  await page.selectOption('#language', 'en');
  await page.evaluate(() => window.kubeplay.engine.kp_test_replay_heap_limit(0));
  await page.waitForTimeout(300);
  const allowed = await hoverScrub();
  c.check('with the real limit the scrub is enabled again, with its usual tooltip',
    !allowed.disabled && allowed.tooltip === 'Drag back to see the cluster as it was then', JSON.stringify(allowed) + ` live ${liveBytes} bytes`);
  const back = await page.evaluate((ms) => window.kubeplay.scrub.to(ms), startMs + 1000);
  c.check('with the real limit scrubbing back shows the past', back.past && back.atMs === startMs + 1000, JSON.stringify(back));
  await page.evaluate(() => window.kubeplay.scrub.live());
  c.check('no console errors', errors.length === 0, errors.join('\n'));
});
