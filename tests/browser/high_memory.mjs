// The page above 2 GiB: a cluster of 150,000 pods grows the WebAssembly heap past the point where
// a signed 32-bit JavaScript number can hold an address (web/platform/gl_uploads.h). This test
// takes every free byte below 2 GiB first (kp_test_fill_heap_below), so that whatever the page
// allocates afterwards (command output handed to JavaScript, the terminal's input, ImGui's vertex
// buffers and font atlas, checkpoints) lands above it, and then uses the page as a learner does:
// commands in the terminal, the map, a language switch (the canvas font is rebuilt), the
// inspector, undo. WebGL errors, console errors or a blank canvas fail it.
//   node tests/browser/high_memory.mjs [site-dir]
import { resolve } from 'node:path';
import { checker, openSite, openReadyPage, terminal, runChecks } from './harness.mjs';

const site = await openSite(resolve(process.argv[2] || 'build/site'), ['--use-gl=swiftshader', '--enable-unsafe-swiftshader']);
const c = checker();

await runChecks(site, c, async () => {
  const errors = [];
  const webglWarnings = [];
  const page = await openReadyPage(site, errors);
  // GL errors and warnings, but not the driver's performance notes: Chromium logs "GPU stall due
  // to ReadPixels" when a screenshot reads the canvas back, depending on timing.
  page.on('console', (m) => {
    if (/WebGL|GL_INVALID/i.test(m.text()) && !/GL Driver Message \(OpenGL, Performance,/.test(m.text())) webglWarnings.push(m.text());
  });
  const term = terminal(page);
  const type = async (line) => { await page.click('#terminal'); await term.type(line); };
  const engine = (fn, ...args) => page.evaluate(([f, a]) => window.kubeplay.engine[f](...a), [fn, args]);
  // Whether the canvas's WebGL2 context has recorded an error, and how much of the canvas, as the
  // screen shows it, is not its background colour (a failed vertex upload leaves it empty). A
  // WebGL canvas keeps no drawing buffer to read back: the screenshot is decoded by the page.
  const canvasState = async () => {
    const png = await page.locator('#canvas').screenshot();
    return page.evaluate(async (bytes) => {
      const error = document.getElementById('canvas').getContext('webgl2').getError();
      const image = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/png' }));
      const copy = new OffscreenCanvas(image.width, image.height);
      const ctx = copy.getContext('2d');
      ctx.drawImage(image, 0, 0);
      const pixels = ctx.getImageData(0, 0, image.width, image.height).data;
      const counts = new Map();  // the commonest colour is the background
      for (let i = 0; i < pixels.length; i += 4) {
        const rgba = (pixels[i] << 24 | pixels[i + 1] << 16 | pixels[i + 2] << 8 | pixels[i + 3]) >>> 0;
        counts.set(rgba, (counts.get(rgba) || 0) + 1);
      }
      const background = Math.max(...counts.values());
      return { error, drawnShare: 1 - background / (image.width * image.height), colours: counts.size };
    }, [...png]);
  };

  const next = process.env.KP_NO_FILL ? 2 ** 31 : await engine('kp_test_fill_heap_below', 2048);
  const memory = JSON.parse(await engine('kp_memory_state'));
  c.check('after the fill, a fresh allocation lands above 2 GiB', next >= 2 ** 31 && memory.heapBytes > 2 ** 31,
    `next allocation at ${next}, heap ${memory.heapBytes}`);

  await type('minikube start');
  let text = await term.waitFor('Done!', 20000);
  c.check('minikube start prints its lines', text.includes('Done! kubectl is now configured to use "minikube" cluster'), text.slice(-400));
  await type('kubectl create deployment web --image=nginx --replicas=3');
  await term.waitFor('deployment.apps/web created');
  await engine('kp_advance', 120000);
  await type('kubectl get pods');
  text = await term.waitFor('$ kubectl get pods\nNAME', 5000);
  const running = (text.split('$ kubectl get pods')[1] || '').split('\n').filter((l) => /^web-\S+\s+1\/1\s+Running/.test(l));
  c.check('typed commands run and print (3 pods Running)', running.length === 3, text.slice(-600));
  const view = await page.evaluate(() => window.kubeplay.view());
  const pods = view.nodes.flatMap((n) => n.pods).filter((p) => p.name.startsWith('web-'));
  c.check('the map\'s view has the 3 pods Running', pods.length === 3 && pods.every((p) => p.status === 'Running'),
    JSON.stringify(pods));

  await page.waitForTimeout(1500);  // frames draw the cluster from buffers allocated above 2 GiB
  let canvas = await canvasState();
  c.check('the map draws without a WebGL error', canvas.error === 0 && canvas.drawnShare > 0.05, JSON.stringify(canvas));

  await page.selectOption('#language', 'zh');  // the canvas font atlas is rebuilt with Chinese glyphs
  await page.waitForTimeout(1500);
  canvas = await canvasState();
  c.check('after switching to Chinese the canvas still draws', canvas.error === 0 && canvas.drawnShare > 0.05, JSON.stringify(canvas));

  await engine('kp_select', 'pod', 'default', pods[0].name);
  await page.waitForTimeout(500);  // the inspector's words are those the last frame drew
  const selection = JSON.parse(await engine('kp_selection'));
  const inspector = JSON.parse(await engine('kp_inspector_state'));
  c.check('the inspector draws the selected pod', selection.name === pods[0].name && inspector.headers.includes('YAML'),
    JSON.stringify({ selection, inspector }).slice(0, 300));

  await type('kubectl delete deployment web');
  await term.waitFor('deployment.apps "web" deleted');
  await page.waitForFunction(() => window.kubeplay.checkpoints().kept >= window.kubeplay.checkpoints().wanted,
    null, { timeout: 15000 }).catch(() => {});
  await page.click('#session-undo');
  await page.waitForTimeout(300);
  const deployments = await engine('kp_eval', 'kubectl get deploy -o name\n');
  c.check('undo brings the deployment back', deployments.includes('deployment.apps/web'), deployments);

  const after = JSON.parse(await engine('kp_memory_state'));
  c.check('the page kept working with its heap above 2 GiB', after.heapBytes > 2 ** 31, JSON.stringify(after));
  c.check('no WebGL warnings', webglWarnings.length === 0, webglWarnings.slice(0, 5).join('\n'));
  c.check('no console errors', errors.length === 0, errors.slice(0, 5).join('\n'));
});
