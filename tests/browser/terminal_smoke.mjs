// Browser test: the real page in headless Chromium. It loads build/site over http, waits for
// the engine, types commands into the xterm.js terminal like a learner and reads the screen.
//   node tests/browser/terminal_smoke.mjs [site-dir]
import { resolve } from 'node:path';
import { openSite } from './harness.mjs';

const siteDir = resolve(process.argv[2] || 'build/site');
const site = await openSite(siteDir);
const { url, browser } = site;
let failures = 0;
function check(name, ok, detail) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok ? '' : ': ' + detail}`);
  if (!ok) failures++;
}
try {
  const page = await browser.newPage();
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(url)) external.push(r.url()); });
  const started = Date.now();
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  const readyMs = Date.now() - started;
  console.log(`page ready in ${readyMs} ms`);
  check('the engine reports its version', (await page.textContent('#version')).includes('kubeplay'), await page.textContent('#version'));

  const screen = () => page.evaluate(() => {
    const buf = window.kubeplay.terminal.term.buffer.active;
    const lines = [];
    for (let i = 0; i < buf.length; i++) lines.push(buf.getLine(i).translateToString(true));
    return lines.join('\n');
  });
  // xterm.js parses writes asynchronously: wait until the screen shows what we expect.
  const waitFor = async (needle, timeout = 5000) => {
    try {
      await page.waitForFunction((n) => {
        const buf = window.kubeplay.terminal.term.buffer.active;
        let all = '';
        for (let i = 0; i < buf.length; i++) all += buf.getLine(i).translateToString(true) + '\n';
        return all.split(n).length - 1 >= 1;
      }, needle, { timeout });
    } catch { /* the check below reports what is on screen */ }
    return screen();
  };
  await page.click('#terminal');
  // The page is a laptop with minikube and no cluster yet: kubectl is refused until `minikube start`.
  await page.keyboard.type('kubectl get ns default -o name');
  await page.keyboard.press('Enter');
  let text = await waitFor('was refused');
  check('kubectl is refused before minikube start', text.includes('The connection to the server localhost:8080 was refused'), text);
  await page.keyboard.type('minikube start');
  await page.keyboard.press('Enter');
  text = await waitFor('Done!');
  check('minikube start brings the cluster up', text.includes('Done! kubectl is now configured to use "minikube" cluster'), text);
  // Every component runs in the tab: the control plane's pods, CoreDNS and kube-proxy come up.
  await page.keyboard.type('kubectl get pods -n kube-system');
  await page.keyboard.press('Enter');
  text = await waitFor('kube-proxy-');
  check('the system pods run', /coredns-\S+\s+1\/1\s+Running/.test(text) && /kube-scheduler-minikube\s+1\/1\s+Running/.test(text), text);
  // Tab completion from the engine: resource types, object names, flags, subcommands; it runs
  // nothing (the journal does not change).
  const line = () => page.evaluate(() => window.kubeplay.terminals.terminal.line);
  const commandsRun = () => page.evaluate(() => JSON.stringify(JSON.parse(window.kubeplay.engine.kp_journal()).entries.filter((e) => e[0] !== 'advance')));
  await page.keyboard.type('kubectl get no');
  await page.keyboard.press('Tab');
  const typeCompleted = await line();
  await page.keyboard.type('m');
  await page.keyboard.press('Tab');
  const nameCompleted = await line();
  check('Tab completes a resource type, then an object name', typeCompleted === 'kubectl get nodes ' && nameCompleted === 'kubectl get nodes minikube ',
    JSON.stringify([typeCompleted, nameCompleted]));
  await page.keyboard.press('Enter');
  text = await waitFor('control-plane');
  check('the completed command runs', /minikube\s+Ready\s+control-plane/.test(text), text.slice(-300));
  const journal = await commandsRun();
  await page.keyboard.type('kubectl get pods -n kube-system kube-s');
  await page.keyboard.press('Tab');
  const podCompleted = await line();
  await page.keyboard.press('Control+U');
  await page.keyboard.type('kubectl get pods --all-n');
  await page.keyboard.press('Tab');
  const flagCompleted = await line();
  check('Tab completes a pod of the namespace given with -n, and a flag', podCompleted === 'kubectl get pods -n kube-system kube-scheduler-minikube ' &&
    flagCompleted === 'kubectl get pods --all-namespaces ', JSON.stringify([podCompleted, flagCompleted]));
  await page.keyboard.press('Control+U');
  const shellCompleted = [];
  for (const start of ['hist', 'mkd', 'tou']) {
    await page.keyboard.type(start);
    await page.keyboard.press('Tab');
    shellCompleted.push(await line());
    await page.keyboard.press('Control+U');
  }
  check('Tab completes the shell\'s own commands (history, mkdir, touch)',
    JSON.stringify(shellCompleted) === JSON.stringify(['history ', 'mkdir ', 'touch ']), JSON.stringify(shellCompleted));
  await page.keyboard.type('minikube st');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  text = await waitFor('start  status  stop');
  check('a second Tab lists the candidates and keeps the line', text.includes('start  status  stop\n$ minikube st') && (await line()) === 'minikube st',
    text.slice(-200));
  await page.keyboard.press('Control+U');
  await page.keyboard.type('minikube start --image-mirror');
  await page.keyboard.press('Tab');
  const minikubeFlag = await line();
  check('Tab completes a minikube flag from its --help', minikubeFlag === 'minikube start --image-mirror-country ', JSON.stringify(minikubeFlag));
  await page.keyboard.press('Control+U');
  await page.keyboard.type('kubectl create deploy');
  await page.keyboard.press('Tab');
  const createSub = await line();
  check('Tab completes a kubectl create subcommand', createSub === 'kubectl create deployment ', JSON.stringify(createSub));
  await page.keyboard.press('Control+U');
  await page.keyboard.type('kubectl -v 6 --namespace=kube-system get pods kube-s');
  await page.keyboard.press('Tab');
  const afterGlobal = await line();
  check('Tab completes after global flags placed before the verb', afterGlobal === 'kubectl -v 6 --namespace=kube-system get pods kube-scheduler-minikube ',
    JSON.stringify(afterGlobal));
  check('completing runs nothing', (await commandsRun()) === journal, 'the journal has more commands');
  await page.keyboard.press('Control+U');

  await page.keyboard.type('kubectl get ns default -o name');
  await page.keyboard.press('Enter');
  text = await waitFor('namespace/default');
  check('kubectl answers in the terminal', text.includes('namespace/default'), text);

  // History: Up brings the last command back.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  text = await screen();
  check('history recalls the last command', (text.match(/namespace\/default/g) || []).length === 2, text);

  // A here-document asks for more lines with "> " and then runs.
  for (const line of ['cat <<EOF | grep -c b', 'a', 'b', 'EOF']) {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }
  text = await waitFor('EOF\n1');
  check('a here-document continues with "> "', text.includes('> a') && /\n1\n/.test(text + '\n'), text);

  // Line editing as bash's: Home/End and Ctrl+A/Ctrl+E move, Delete and Backspace remove a
  // character, Ctrl+W the word before the cursor, Ctrl+U everything before it.
  const lineNow = () => page.evaluate(() => window.kubeplay.terminals.terminal.line);
  const edits = [];
  await page.keyboard.type('xcho one two');
  await page.keyboard.press('Home');
  await page.keyboard.press('Delete');
  await page.keyboard.type('e');
  edits.push(await lineNow());
  await page.keyboard.press('End');
  await page.keyboard.press('Control+W');
  await page.keyboard.type('three');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('e');
  edits.push(await lineNow());
  await page.keyboard.press('Control+A');
  await page.keyboard.type('dropped; ');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Control+U');
  edits.push(await lineNow());
  await page.keyboard.press('Control+E');
  await page.keyboard.type(' four');
  edits.push(await lineNow());
  await page.keyboard.press('Control+A');
  await page.keyboard.type('e');
  await page.keyboard.press('Enter');
  text = await waitFor('\none three four\n');
  check('Home/End, Ctrl+A/E, Delete, Backspace, Ctrl+W and Ctrl+U edit the line as bash does',
    JSON.stringify(edits) === JSON.stringify(['echo one two', 'echo one three', 'cho one three', 'cho one three four']) &&
    text.includes('$ echo one three four\none three four\n'), JSON.stringify(edits) + '\n' + text.slice(-200));

  // Chinese through an input method: a composition ("ni hao" being picked) ends in the chosen
  // characters, typed into the line as one input; wide characters keep the cursor right.
  const cdp = await page.context().newCDPSession(page);
  await page.keyboard.type('echo ');
  await cdp.send('Input.imeSetComposition', { text: 'ni', selectionStart: 2, selectionEnd: 2 });
  await cdp.send('Input.imeSetComposition', { text: 'nihao', selectionStart: 5, selectionEnd: 5 });
  await cdp.send('Input.insertText', { text: '你好' });
  await page.waitForTimeout(100);  // xterm.js reads the committed text after the composition ends
  await page.keyboard.type('世界');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('，');
  const imeLine = await page.evaluate(() => window.kubeplay.terminals.terminal.line);
  await page.keyboard.press('Enter');
  text = await waitFor('\n你好，世界');
  check('Chinese from an input method edits the line and runs', imeLine === 'echo 你好，世界' && text.includes('$ echo 你好，世界\n你好，世界'),
    JSON.stringify(imeLine) + '\n' + text.slice(-200));
  await cdp.detach();

  // Copy: Ctrl+C with a selection copies it (and interrupts nothing); paste types it back.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
  await page.evaluate(() => {
    const term = window.kubeplay.terminals.terminal.term;
    const buf = term.buffer.active;
    for (let y = buf.length - 1; y >= 0; y--) {
      const x = buf.getLine(y).translateToString(true).indexOf('你好，世界');
      if (x === 0) { term.select(0, y, 9); break; }
    }
  });
  await page.keyboard.press('Control+C');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const afterCopy = await screen();
  await page.keyboard.press('Control+V');
  await page.waitForTimeout(200);
  const pasted = await page.evaluate(() => window.kubeplay.terminals.terminal.line);
  check('Ctrl+C with a selection copies it, Ctrl+V pastes it', copied === '你好，世界' && !afterCopy.trimEnd().endsWith('^C') && pasted === '你好，世界',
    JSON.stringify([copied, pasted, afterCopy.slice(-60)]));
  await page.keyboard.press('Control+U');

  await page.keyboard.type('nosuchcommand');
  await page.keyboard.press('Enter');
  text = await waitFor('command not found');
  check('unknown commands fail like bash', text.includes('bash: nosuchcommand: command not found'), text);

  // watch draws on the alternate screen (its escape is obeyed, not shown) and Ctrl+C brings the
  // learner's screen back, with what was there before.
  await page.keyboard.type('watch -n 1 kubectl get pods -n kube-system');
  await page.keyboard.press('Enter');
  text = await waitFor('Every 1.0s:');
  const watching = text.includes('Every 1.0s: kubectl get pods -n kube-system') && text.includes('kube-proxy-') &&
    !text.includes('^[') && !text.includes('nosuchcommand');
  await page.keyboard.press('Control+C');
  text = await waitFor('nosuchcommand');
  check('watch redraws on the alternate screen and Ctrl+C restores the screen',
    watching && text.includes('bash: nosuchcommand: command not found') && !text.includes('Every 1.0s:'), text.slice(-400));

  // Escape sequences in what a command prints (cluster data: logs, files, or the commands of a
  // shared link replayed here) only draw: no title change, no clipboard write, no query whose
  // reply xterm.js would type in as the learner's input. Colours still work.
  const title = await page.title();
  await page.evaluate(() => window.kubeplay.terminals.terminal.runCommand(
    'echo "A\x1b]0;pwned\x07B\x1b]52;c;aGk=\x07C\x1b[6nD\x1b[c\x1b[?1000hE\x1b[31mred\x1b[0m"'));
  text = await waitFor('Dred');
  await page.waitForTimeout(300);
  check('escape sequences from command output are shown, not obeyed',
    text.includes('A^[]0;pwnedB^[]52;c;aGk=C^[[6nD^[[c^[[?1000hEred') && (await page.title()) === title, text.slice(-300));
  const after = await page.evaluate(() => {
    const t = window.kubeplay.terminals.terminal;
    const buf = t.term.buffer.active;
    let red = -1;
    for (let y = buf.length - 1; y >= 0 && red < 0; y--) {
      const line = buf.getLine(y);
      const x = line.translateToString(true).indexOf('Ered');
      if (x >= 0) red = line.getCell(x + 1).getFgColor();
    }
    return { line: t.line, red, mouse: t.term.modes.mouseTrackingMode };
  });
  check('no query reply was typed in, no mouse reports turned on, colours kept',
    after.line === '' && after.mouse === 'none' && after.red === 1, JSON.stringify(after));

  // A long output streams to its end while the page keeps drawing frames: 24 x `kubectl get all
  // -A -o yaml` (about 33,000 lines, 1 MB, far past the 5,000-line scrollback). Every line must
  // reach xterm.js (its line feeds are counted: 24 x the lines of one copy, plus the Enter and
  // END-OF-OUTPUT) and the gaps between animation frames after the engine ran the command stay
  // short. The end is an output line equal to END-OF-OUTPUT followed by the prompt: the typed
  // command holds the same word, and while it was still on screen a wait for the word alone
  // ended at once (this made the 1 MB check look like a stall once the command line had scrolled
  // out of the scrollback before the screen was read).
  await page.evaluate(() => window.kubeplay.terminals.terminal.runCommand('kubectl get all -A -o yaml | wc -l'));
  await page.waitForFunction(() => {
    const buf = window.kubeplay.terminal.term.buffer.active;
    return /^\d+$/.test(buf.getLine(buf.baseY + buf.cursorY - 1).translateToString(true));
  }, null, { timeout: 10000, polling: 100 });
  const perCopy = await page.evaluate(() => {
    const buf = window.kubeplay.terminal.term.buffer.active;
    return Number(buf.getLine(buf.baseY + buf.cursorY - 1).translateToString(true));
  });
  // The page's own frame gaps when idle on this machine (a loaded CI machine has long ones too).
  const idleGap = await page.evaluate(async () => {
    const raf = [];
    let on = true;
    const tick = (t) => { raf.push(t); if (on) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    await new Promise((ok) => setTimeout(ok, 2000));
    on = false;
    let longest = 0;
    for (let i = 1; i < raf.length; i++) longest = Math.max(longest, raf[i] - raf[i - 1]);
    return longest;
  });
  const ran = await page.evaluate(() => {
    const t = window.kubeplay.terminals.terminal;
    window.kpLong = { frames: [], lineFeeds: 0, endAt: 0 };
    const tick = (time) => {
      window.kpLong.frames.push(time);
      if (!window.kpLong.endAt || time < window.kpLong.endAt + 200) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    window.kpLong.listener = t.term.onLineFeed(() => { window.kpLong.lineFeeds++; });
    window.kpLong.parsed = t.term.onWriteParsed(() => {
      const buf = t.term.buffer.active;
      const y = buf.baseY + buf.cursorY;
      if (!window.kpLong.endAt && buf.getLine(y - 1)?.translateToString(true) === 'END-OF-OUTPUT' &&
        buf.getLine(y).translateToString(true) === '$ ') window.kpLong.endAt = performance.now();
    });
    const started = performance.now();
    t.runCommand('for i in $(seq 24); do kubectl get all -A -o yaml; done; echo END-OF-OUTPUT');
    return { started, ended: performance.now() };
  });
  try {
    await page.waitForFunction(() => window.kpLong.endAt > 0, null, { timeout: 60000, polling: 100 });
  } catch { /* the check below reports how far it got */ }
  const streamed = await page.evaluate((ended) => {
    const k = window.kpLong;
    k.listener.dispose();
    k.parsed.dispose();
    // From the moment kp_run returned (the engine's own run time is not the terminal's).
    const during = [ended, ...k.frames.filter((t) => t > ended && (!k.endAt || t <= k.endAt + 100))];
    let longest = 0;
    for (let i = 1; i < during.length; i++) longest = Math.max(longest, during[i] - during[i - 1]);
    return { lineFeeds: k.lineFeeds, ms: k.endAt ? Math.round(k.endAt - ended) : -1, frames: during.length - 1, longest: Math.round(longest) };
  }, ran.ended);
  const expectedFeeds = 1 + 24 * perCopy + 1;
  const allowedGap = Math.max(500, 2 * idleGap);
  console.log(`     long output: ${expectedFeeds} lines; the engine ran it in ${(ran.ended - ran.started).toFixed(0)} ms, xterm.js showed its end ` +
    `${streamed.ms} ms later after ${streamed.frames} frames, the longest gap ${streamed.longest} ms (idle: ${idleGap.toFixed(0)} ms)`);
  check('a 1 MB output streams to its end', perCopy > 1000 && streamed.ms >= 0 && streamed.lineFeeds === expectedFeeds,
    JSON.stringify({ perCopy, expectedFeeds, ...streamed }));
  check('the page keeps drawing frames while it streams', streamed.ms >= 0 && streamed.longest < allowedGap,
    JSON.stringify({ allowedGap, ...streamed }));

  // Flow control: while xterm.js has more than a MiB queued (here 30 MB printed at once) the
  // terminal is behind: its command is not polled and virtual time waits, frame after frame;
  // both go on once the screen caught up, so a command printing as time passes cannot grow the
  // page without end.
  const flow = await page.evaluate(async () => {
    const k = window.kubeplay;
    const t = k.terminals.terminal;
    const e = k.engine;
    const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
    const frame = () => new Promise((ok) => requestAnimationFrame(ok));
    const poll = e.kp_poll;
    let polls = 0;
    e.kp_poll = function () { polls++; return poll.apply(this, arguments); };
    t.print(('x'.repeat(79) + '\n').repeat(375000));
    const r = { queued: t.queued, framesBehind: 0, times: new Set() };
    const started = performance.now();
    while (t.behind() && performance.now() - started < 60000) {
      r.times.add(e.kp_now_ms());
      k.terminals.poll();
      await frame();
      if (t.behind()) r.framesBehind++;
    }
    r.caughtUpMs = Math.round(performance.now() - started);
    r.caughtUp = !t.behind();
    r.pollsWhileBehind = polls;
    r.times = r.times.size;
    const t1 = e.kp_now_ms();
    await sleep(600);
    r.resumed = e.kp_now_ms() - t1;
    k.terminals.poll();
    r.pollsAfter = polls - r.pollsWhileBehind;
    e.kp_poll = poll;
    return r;
  });
  console.log(`     flow control: 30 MB queued, the screen caught up in ${flow.caughtUpMs} ms (${flow.framesBehind} frames behind)`);
  check('a terminal far behind its output holds virtual time and its polls until the screen catches up',
    flow.queued >= 30e6 && flow.framesBehind >= 2 && flow.times === 1 && flow.pollsWhileBehind === 0 && flow.caughtUp &&
    flow.resumed >= 300 && flow.pollsAfter > 0, JSON.stringify(flow));
  check('no request leaves the origin', external.length === 0, external.join(', '));
} finally {
  await site.close();
}
process.exit(failures ? 1 : 0);
