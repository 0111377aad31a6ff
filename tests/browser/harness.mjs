// Shared set-up of the browser tests: serves a built site folder on 127.0.0.1, launches the
// image's headless Chromium through playwright-core, and reads the xterm.js terminal's screen.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require(resolve('web/node_modules/playwright-core'));

const types = {
  '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2', '.ttf': 'font/ttf',
};

// Serves `siteDir` and launches Chromium. `extraArgs` adds Chromium switches (e.g. WebGL);
// `env` the browser's environment (e.g. FONTCONFIG_FILE for a machine with other fonts).
export async function openSite(siteDir, extraArgs = [], env = undefined) {
  const root = resolve(siteDir);
  const server = createServer(async (req, res) => {
    const path = join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/\/$/, '/index.html'));
    try {
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': types[extname(path)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
    ...(env ? { env } : {}),
  });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      server.close();
    },
  };
}

// Collects the page's console errors and uncaught exceptions into `errors`.
export function collectErrors(page, errors) {
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
}

// A new 1280x720 page on the site, its errors collected, once the engine is ready.
export async function openReadyPage(site, errors) {
  const page = await site.browser.newPage({ viewport: { width: 1280, height: 720 } });
  collectErrors(page, errors);
  await page.goto(site.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  return page;
}

// Runs a test's checks: an exception counts as a failed check, the site is closed either way,
// and the process exits 1 when any check failed.
export async function runChecks(site, c, body) {
  try {
    await body();
  } catch (e) {
    c.check('the test ran to the end', false, e.stack);
  } finally {
    await site.close();
  }
  process.exit(c.failures ? 1 : 0);
}

// A check that prints "ok" or "FAIL" and counts failures.
export function checker() {
  const c = {
    failures: 0,
    check(name, ok, detail) {
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok ? '' : ': ' + detail}`);
      if (!ok) c.failures++;
    },
  };
  return c;
}

// The terminal's whole buffer as text, and a wait until it contains `needle` (xterm.js parses
// writes asynchronously).
export function terminal(page) {
  const screen = () => page.evaluate(() => {
    const buf = window.kubeplay.terminal.term.buffer.active;
    const lines = [];
    for (let i = 0; i < buf.length; i++) lines.push(buf.getLine(i).translateToString(true));
    return lines.join('\n');
  });
  return {
    screen,
    async waitFor(needle, timeout = 5000) {
      try {
        await page.waitForFunction((n) => {
          const buf = window.kubeplay.terminal.term.buffer.active;
          let all = '';
          for (let i = 0; i < buf.length; i++) all += buf.getLine(i).translateToString(true) + '\n';
          return all.includes(n);
        }, needle, { timeout });
      } catch { /* the caller's check reports what is on screen */ }
      return screen();
    },
    async type(line) {
      await page.keyboard.type(line);
      await page.keyboard.press('Enter');
    },
  };
}
