// Browser test: Ingresses and traffic on the cluster map. With the ingress addon, a backend
// Service and an Ingress routing to it, the map lays out the Ingress as a hub with its route to
// the Service; a curl through the Ingress (and one to the NodePort) starts traffic flows. The
// timeline's Scheduling and Traffic tabs list the scheduler's bindings and those requests.
//   node tests/browser/map_traffic.mjs [site-dir]
import { resolve } from 'node:path';
import { checker, openSite, runChecks, openReadyPage } from './harness.mjs';

const site = await openSite(resolve(process.argv[2] || 'build/site'), ['--use-gl=swiftshader', '--enable-unsafe-swiftshader']);
const c = checker();

await runChecks(site, c, async () => {
  const errors = [];
  const page = await openReadyPage(site, errors);
  const run = (line) => page.evaluate((l) => window.kubeplay.engine.kp_eval(l + '\n'), line);
  await run('minikube start');
  await run('minikube addons enable ingress');
  await run('kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0');
  await run('kubectl expose deployment web --type=NodePort --port=8080');
  await page.click('#time-controls [data-speed="20"]');
  await page.waitForFunction(() => {
    const out = window.kubeplay.engine.kp_eval('kubectl get pods -A --no-headers\n');
    return /web-\S+\s+1\/1\s+Running/.test(out) && /ingress-nginx-controller-\S+\s+1\/1\s+Running/.test(out);
  }, null, { timeout: 30000, polling: 500 });
  // The controller's admission webhook validates every Ingress: it has to be ready first.
  await run('kubectl create ingress example-ingress --class=nginx --rule="hello-world.example/*=web:8080"');
  await page.click('#time-controls [data-speed="1"]');
  await page.waitForTimeout(300);
  let hubs = await page.evaluate(() => window.kubeplay.visualizer.hubs());
  const ingress = hubs.ingresses.find((i) => i.name === 'default/example-ingress');
  c.check('the Ingress is a hub on the map with its route to the Service', ingress && ingress.routes.includes('web') &&
    hubs.services.includes('default/web'), JSON.stringify(hubs));
  const before = hubs.trafficFlows;
  const out = await run('curl -s --resolve "hello-world.example:80:$(minikube ip)" http://hello-world.example');
  c.check('curl through the Ingress reaches the backend', out.includes('Hello, world!'), out);
  await page.waitForTimeout(300);
  hubs = await page.evaluate(() => window.kubeplay.visualizer.hubs());
  c.check('the request is animated on the map (client -> Ingress -> pod)', hubs.trafficFlows >= before + 2, JSON.stringify(hubs));
  const mid = hubs.trafficFlows;
  await run('curl -s $(minikube service web --url)');
  await page.waitForTimeout(300);
  hubs = await page.evaluate(() => window.kubeplay.visualizer.hubs());
  c.check('a request to the NodePort is animated too', hubs.trafficFlows > mid, JSON.stringify(hubs));
  const rows = (tab) => page.evaluate((t) => JSON.parse(window.kubeplay.engine.kp_timeline_rows(t)), tab);
  const scheduling = await rows('scheduling');
  c.check('the timeline\'s Scheduling tab lists the binding of the web pod, and only the scheduler\'s writes',
    scheduling.some((r) => r.who === 'kube-scheduler' && /^pods\/default\/web-/.test(r.object) && r.detail === 'binding to minikube') &&
      scheduling.every((r) => r.who === 'kube-scheduler' || r.who === 'default-scheduler'), JSON.stringify(scheduling.slice(-4)));
  const traffic = await rows('traffic');
  c.check('the timeline\'s Traffic tab lists the NodePort request and the one through the Ingress',
    traffic.some((r) => r.verb === 'http' && r.object === 'services/default/web' && r.detail.includes('via=NodePort') && r.detail.includes('result=response')) &&
      traffic.some((r) => r.verb === 'http' && r.detail.includes('pod=ingress-nginx/')) && !(await rows('writes')).some((r) => r.verb === 'http'),
    JSON.stringify(traffic.slice(-4)));
  const frames = await page.evaluate(() => JSON.parse(window.kubeplay.engine.kp_frame_stats()));
  console.log(`     frame CPU time with the ingress map: mean ${frames.meanMs.toFixed(2)} ms, max ${frames.maxMs.toFixed(2)} ms`);
  c.check('no console errors', errors.length === 0, errors.join('\n'));
});
