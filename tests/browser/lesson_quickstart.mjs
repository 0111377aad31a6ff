// Browser test of the lessons: in headless Chromium a learner picks 快速开始 (the seed's quick
// start) in the lesson panel, follows it by typing every command in the terminal (and one by
// clicking a "try it" command), and the panel's live check moves step by step to "complete".
// Also: the language switch, hints, and progress that survives a reload.
//   node tests/browser/lesson_quickstart.mjs [site-dir]
import { checker, openSite, terminal } from './harness.mjs';

const site = await openSite(process.argv[2] || 'build/site');
const c = checker();
const check = c.check;
try {
  const context = await site.browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(site.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  const term = terminal(page);
  const stepTitle = () => page.textContent('.lesson-step-title').catch(() => '');
  const waitStep = async (n) => {
    try {
      await page.waitForFunction((k) => window.kubeplay.lessons.state && window.kubeplay.lessons.state.step === k, n, { timeout: 20000 });
    } catch { /* reported by the caller */ }
    return page.evaluate(() => window.kubeplay.lessons.state);
  };

  check('the top bar speaks Chinese too', (await page.textContent('#time-skip')) === '跳到下一个事件', await page.textContent('#time-skip'));
  check('a Chinese browser gets the Chinese panel', (await page.textContent('.lesson-panel-title')) === '课程', await page.textContent('.lesson-panel-title'));
  await page.selectOption('.lesson-select', 'quick-start');
  check('the lesson starts at its first step', (await stepTitle()) === '验证 minikube 已安装', await stepTitle());
  check('the live check waits for the goal, in Chinese', (await page.textContent('.lesson-check')) === '等待：终端显示“minikube provisions and manages local Kubernetes clusters”',
    await page.textContent('.lesson-check'));
  await page.click('.lesson-actions button');  // the first hint
  check('a hint appears on request', (await page.textContent('.lesson-hint')).includes('minikube help'), await page.textContent('.lesson-hint').catch(() => ''));
  await page.click('.lesson-actions button:has-text("显示答案")');
  check('show solution lists the step\'s solution', (await page.textContent('.lesson-solution')).includes('minikube help'),
    await page.textContent('.lesson-solution').catch(() => ''));
  await page.click('.lesson-actions button:has-text("跳过")');
  const skipped = await page.evaluate(() => window.kubeplay.lessons.state.step);
  const skippedTitle = await stepTitle();
  await page.click('.lesson-actions button:has-text("上一步")');
  check('skip goes to the next step and back returns', skipped === 1 && skippedTitle !== '验证 minikube 已安装' &&
    (await page.evaluate(() => window.kubeplay.lessons.state.step)) === 0 && (await stepTitle()) === '验证 minikube 已安装',
    `${skipped} ${skippedTitle} ${await stepTitle()}`);

  await page.click('#terminal');
  await term.type('minikube help');
  let state = await waitStep(1);
  check('minikube help completes step 1', state.step === 1 && state.completed.includes('verify'), JSON.stringify(state));

  // Step 2 by clicking its "try it" command: it is pasted into the terminal, Enter runs it.
  await page.click('.lesson-command');
  await page.keyboard.press('Enter');
  state = await waitStep(2);
  check('the pasted minikube start completes step 2', state.step === 2, JSON.stringify(state) + '\n' + (await term.screen()).slice(-800));

  // The rest of the quick start, typed; virtual time runs at wall speed in the page, so the
  // lesson waits for pods to start; speed it up.
  await page.click('#time-controls [data-speed="20"]');
  await page.click('#terminal');  // the speed button took the keyboard focus
  await term.type('minikube dashboard');
  state = await waitStep(3);
  check('the dashboard step completes when its pod runs', state.step === 3, JSON.stringify(state));
  // minikube dashboard keeps the terminal (its proxy runs) until Ctrl+C.
  check('minikube dashboard keeps the terminal', await page.evaluate(() => window.kubeplay.terminals.terminal.busy), 'not busy');
  await page.keyboard.press('Control+C');
  await term.type('eval $(minikube docker-env)');
  await term.type('docker ps');
  state = await waitStep(4);
  check('docker ps after docker-env completes its step', state.step === 4, JSON.stringify(state));
  await term.type('kubectl create deployment hello-minikube --image=k8s.gcr.io/echoserver:1.10');
  await term.type('kubectl expose deployment hello-minikube --type=NodePort --port=8080');
  state = await waitStep(6);
  check('create and expose complete two steps', state.step === 6, JSON.stringify(state));
  for (let i = 0; i < 20 && state.step === 6; i++) {
    await term.type('kubectl get pod');
    await page.waitForTimeout(500);
    state = await page.evaluate(() => window.kubeplay.lessons.state);
  }
  check('kubectl get pod showing Running completes its step', state.step === 7, JSON.stringify(state));
  await term.type('minikube service hello-minikube --url');
  await term.type('curl $(minikube service hello-minikube --url)');
  state = await waitStep(9);
  check('the URL and curl steps complete', state.step === 9, JSON.stringify(state));

  // Progress survives a reload, and so do the commands run since the step began (a goal on a
  // command's output must still see them).
  await term.type('kubectl get services');
  await page.waitForTimeout(300);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  // The saved step comes back. The cluster is a fresh laptop again (not restored yet), so the
  // level-triggered goals of the deleting steps already hold and the panel moves past them.
  state = await page.evaluate(() => window.kubeplay.lessons.state);
  check('after a reload the lesson resumes where it was', state.lesson === 'quick-start' && state.step >= 9, JSON.stringify(state));
  const kept = await page.evaluate(() => window.kubeplay.lessons.transcript.map(([command]) => command.trim()));
  check('after a reload the step\'s commands are fed to the tracker again', kept.includes('kubectl get services'), JSON.stringify(kept));
  await page.click('#terminal');
  await term.type('minikube start');
  await term.type('kubectl create deployment hello-minikube --image=k8s.gcr.io/echoserver:1.10');
  await term.type('kubectl expose deployment hello-minikube --type=NodePort --port=8080');
  await term.type('kubectl delete services hello-minikube');
  await term.type('kubectl delete deployment hello-minikube');
  await term.type('minikube stop');
  await term.type('minikube delete');
  try {
    await page.waitForFunction(() => window.kubeplay.lessons.state.finished, null, { timeout: 20000 });
  } catch { /* reported below */ }
  state = await page.evaluate(() => window.kubeplay.lessons.state);
  check('the lesson completes', state.finished === true, JSON.stringify(state));
  check('the panel says so', (await page.textContent('#lesson-panel')).includes('本课完成！'), await page.textContent('#lesson-panel'));
  await page.click('#lesson-panel button:has-text("重新开始本课")');
  state = await page.evaluate(() => window.kubeplay.lessons.state);
  check('restart begins the lesson again', state.step === 0 && !state.finished && (await stepTitle()) === '验证 minikube 已安装', JSON.stringify(state));

  await page.selectOption('#language', 'en');
  check('the language switch turns the top bar to English', (await page.textContent('#time-skip')) === 'skip to next event', await page.textContent('#time-skip'));
  check('the language switch turns the panel to English', (await page.textContent('.lesson-panel-title')) === 'Lessons', await page.textContent('.lesson-panel-title'));
  check('no page errors', errors.length === 0, errors.join('\n'));
} catch (e) {
  check('the lesson test ran', false, e.stack);
} finally {
  await site.close();
}
console.log(c.failures ? `${c.failures} check(s) FAILED` : 'lesson browser test: all checks passed');
process.exit(c.failures ? 1 : 0);
