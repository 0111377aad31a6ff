// Browser test of the visualizer: the real page in headless Chromium with software WebGL2
// (SwiftShader). It runs the quick start in the terminal, lets virtual time run, and checks the
// visualizer's JS-visible state (window.kubeplay.view(), the same snapshot the map draws), the
// time controls, the inspector's explanation, and that the page logs no errors and no CSP
// violations. A screenshot of the page is written to build/visualizer.png.
//   node tests/browser/visualizer_smoke.mjs [site-dir] [screenshot-path]
import { dirname, resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { openSite } from './harness.mjs';

const siteDir = resolve(process.argv[2] || 'build/site');
const screenshotPath = resolve(process.argv[3] || 'build/visualizer.png');
const site = await openSite(siteDir, ['--use-gl=swiftshader', '--enable-unsafe-swiftshader']);
const { url, browser } = site;
let failures = 0;
function check(name, ok, detail) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok ? '' : ': ' + detail}`);
  if (!ok) failures++;
}
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = [];
  const external = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith(url)) external.push(r.url()); });
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });

  const view = () => page.evaluate(() => window.kubeplay.view());
  const canvas = await page.evaluate(() => {
    const c = document.getElementById('canvas');
    return { width: c.width, height: c.height, cssWidth: c.clientWidth, cssHeight: c.clientHeight };
  });
  check('the canvas sits between the lesson panel and the terminal with its CSS size',
    Math.abs(canvas.width - canvas.cssWidth) <= 1 && Math.abs(canvas.height - canvas.cssHeight) <= 1 && canvas.width > 400 && canvas.height > 200,
    JSON.stringify(canvas));
  check('the lesson panel is there, empty for the lessons to fill', await page.$eval('#lesson-panel', (e) => e.tagName === 'ASIDE'), '');
  let v = await view();
  check('before minikube start the view has no cluster', v.machine !== 'Running' && v.nodes.length === 0 &&
    v.controlPlane.every((c) => !c.running), JSON.stringify(v).slice(0, 300));

  // Virtual time follows wall time, and the controls pause, step and speed it up.
  const timeMs = () => page.evaluate(() => window.kubeplay.engine.kp_now_ms());
  const t0 = await timeMs();
  await page.waitForTimeout(1200);
  const t1 = await timeMs();
  check('virtual time follows wall time at 1x', t1 - t0 >= 700 && t1 - t0 <= 3000, `${t1 - t0} ms`);
  await page.click('#time-play');
  const p0 = await timeMs();
  await page.waitForTimeout(600);
  const p1 = await timeMs();
  check('pause stops virtual time', p1 === p0, `${p1 - p0} ms`);
  await page.click('#time-step');
  check('+1 s steps one virtual second', (await timeMs()) - p1 === 1000, `${(await timeMs()) - p1}`);
  await page.click('#time-play');
  check('the top bar shows the virtual time', /^2025-01-15 10:00:0\d$/.test(await page.textContent('#virtual-time')), await page.textContent('#virtual-time'));

  // The quick start, typed in the terminal.
  await page.click('#terminal');
  await page.keyboard.type('minikube start');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.kubeplay.view().machine === 'Running', null, { timeout: 15000 });
  await page.keyboard.type('kubectl create deployment hello-minikube --image=kicbase/echo-server:1.0');
  await page.keyboard.press('Enter');
  v = await view();
  const names = v.controlPlane.map((c) => c.name).join(',');
  check('the control plane is on the map', names === 'kube-apiserver,etcd,kube-scheduler,kube-controller-manager,coredns,kube-proxy', names);
  check('the node minikube is Ready', v.nodes.length === 1 && v.nodes[0].name === 'minikube' && v.nodes[0].ready, JSON.stringify(v.nodes.map((n) => n.status)));

  // Advancing time (20x) brings the deployment's pod to Running in the view.
  await page.click('[data-speed="20"]');
  const helloPod = () => {
    const pods = window.kubeplay.view().nodes.flatMap((n) => n.pods);
    return pods.find((p) => p.name.startsWith('hello-minikube-')) || null;
  };
  let pod = null;
  try {
    await page.waitForFunction((f) => {
      const pods = window.kubeplay.view().nodes.flatMap((n) => n.pods);
      const p = pods.find((x) => x.name.startsWith('hello-minikube-'));
      return p && p.status === 'Running' && p.ready === '1/1';
    }, null, { timeout: 20000 });
  } catch { /* reported below */ }
  pod = await page.evaluate(helloPod);
  check('the deployment\'s pod runs in the view', pod && pod.status === 'Running' && pod.category === 'running' && pod.node === 'minikube',
    JSON.stringify(pod));
  check('the pod is owned by ReplicaSet then Deployment hello-minikube',
    pod && pod.owners.length === 2 && pod.owners[0].kind === 'ReplicaSet' && pod.owners[1].kind === 'Deployment' && pod.owners[1].name === 'hello-minikube',
    JSON.stringify(pod && pod.owners));
  v = await view();
  check('the view lists the events (Scheduled)', v.events.some((e) => e.reason === 'Scheduled' && e.object.startsWith('pod/hello-minikube-')),
    JSON.stringify(v.events.slice(-5)));
  if (pod) {
    const x = await page.evaluate((name) => JSON.parse(window.kubeplay.engine.kp_explain('pod', 'default', name)), pod.name);
    check('explain(pod) gives the scheduler\'s verdict and hides managedFields',
      x.found && x.scheduling && x.scheduling.result === 'Scheduled' && x.scheduling.nodes[0].passed && !x.yaml.includes('managedFields'),
      JSON.stringify(x).slice(0, 400));
    // Which controller action created and changed it: the ReplicaSet controller created it, the
    // scheduler bound it, the kubelet wrote its status.
    const by = (actor, verb) => x.writes.some((w) => w.actor.startsWith(actor) && (!verb || w.verb === verb));
    check('explain(pod) says which components created and changed it',
      by('replicaset-controller', 'create') && by('kube-scheduler', 'create') && by('kubelet'), JSON.stringify(x.writes));
  }

  // A pod too big for the node waits off the nodes, and the inspector's explanation says why.
  await page.evaluate(() => window.kubeplay.engine.kp_eval([
    'cat <<EOF | kubectl apply -f -', 'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: big', 'spec:', '  containers:',
    '  - name: app', '    image: nginx:1.27', '    resources:', '      requests:', '        cpu: "64"', 'EOF', ''].join('\n')));
  await page.waitForTimeout(1500);
  v = await view();
  const big = v.unscheduledPods.find((p) => p.name === 'big');
  check('an unschedulable pod is Pending off the nodes', big && big.status === 'Pending' && big.category === 'progressing', JSON.stringify(v.unscheduledPods));
  const why = await page.evaluate(() => window.kubeplay.explain('pod', 'default', 'big'));
  check('explain() says which plugin rejected the node and why',
    why.scheduling && why.scheduling.result === 'Unschedulable' && why.scheduling.nodes[0].plugin === 'NodeResourcesFit' &&
    why.scheduling.nodes[0].reason === 'Insufficient cpu', JSON.stringify(why.scheduling));

  // Clicking a pod on the map selects it for the inspector (the map's hit test in the page).
  const click = await page.evaluate(() => window.kubeplay.visualizer && window.kubeplay.visualizer.podPosition &&
    window.kubeplay.visualizer.podPosition('default', window.kubeplay.view().nodes[0].pods.find((p) => p.name.startsWith('hello-minikube-')).name));
  if (click) {
    const box = await page.$eval('#canvas', (c) => { const r = c.getBoundingClientRect(); return { x: r.left, y: r.top }; });
    await page.mouse.click(box.x + click.x, box.y + click.y);
    await page.waitForTimeout(300);
    const selected = await page.evaluate(() => window.kubeplay.visualizer.selection());
    check('a click on the pod selects it', selected.kind === 'pod' && selected.name === pod.name, JSON.stringify(selected));
    // Keys typed in the terminal afterwards still reach the terminal.
    await page.click('#terminal');
    await page.keyboard.type('kubectl get deploy hello-minikube --no-headersXY');
    // The canvas' GLFW listens to keys on the whole page: Backspace must still edit the line.
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
  }
  const text = await page.evaluate(() => {
    const buf = window.kubeplay.terminal.term.buffer.active;
    const lines = [];
    for (let i = 0; i < buf.length; i++) lines.push(buf.getLine(i).translateToString(true));
    return lines.join('\n');
  });
  check('the terminal ran the commands', text.includes('deployment.apps/hello-minikube created'), text.slice(-500));
  if (click) check('the terminal still takes keys after a click on the map', /hello-minikube\s+1\/1\s+1\s+1/.test(text), text.slice(-300));

  // The splitter above the terminal resizes the canvas, and the canvas' drawing buffer follows.
  const splitter = await page.$eval('.splitter.horizontal', (e) => { const r = e.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + 2 }; });
  const before = await page.$eval('#canvas', (c) => c.clientHeight);
  await page.mouse.move(splitter.x, splitter.y);
  await page.mouse.down();
  await page.mouse.move(splitter.x, splitter.y + 80, { steps: 4 });
  await page.mouse.up();
  await page.waitForTimeout(300);
  const after = await page.evaluate(() => { const c = document.getElementById('canvas'); return { css: c.clientHeight, buffer: c.height }; });
  check('dragging the splitter resizes the visualizer', after.css > before + 60 && Math.abs(after.buffer - after.css) <= 1,
    `${before} -> ${JSON.stringify(after)}`);

  await page.waitForTimeout(500);
  await mkdir(dirname(screenshotPath), { recursive: true });
  await page.screenshot({ path: screenshotPath });
  console.log(`screenshot: ${screenshotPath}`);
  const csp = await page.evaluate(() => window.cspViolations);
  check('no CSP violations', csp.length === 0, csp.join('; '));
  // The policy itself is strict: scripts from the page's own origin only, WebAssembly compiled
  // without 'unsafe-eval' ('wasm-unsafe-eval'), no inline script or event handler attribute.
  const policy = await page.evaluate(() => {
    const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
    const inline = Array.from(document.scripts).filter((s) => !s.src).length;
    const handlers = Array.from(document.querySelectorAll('*')).flatMap((e) => e.getAttributeNames().filter((a) => a.startsWith('on')));
    return { text: meta ? meta.content : '', inline, handlers };
  });
  const directives = Object.fromEntries(policy.text.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map((d) => [d[0], d.slice(1)]));
  check('the Content-Security-Policy allows only the origin\'s scripts and wasm-unsafe-eval, and the page has no inline script',
    JSON.stringify(directives['default-src']) === '["\'self\'"]' &&
    JSON.stringify(directives['script-src']) === '["\'self\'","\'wasm-unsafe-eval\'"]' && !policy.text.includes("'unsafe-eval'") &&
    policy.inline === 0 && policy.handlers.length === 0, JSON.stringify(policy));
  check('no console errors', errors.length === 0, errors.join(' | '));
  check('no request leaves the origin', external.length === 0, external.join(', '));
} finally {
  await site.close();
}
process.exit(failures ? 1 : 0);
