// The console in a real browser (issue 13): headless Debian chromium, driven by playwright-core, against the built
// jar with the fake provider, on loopback only. Twice: a key-less server (loopback clients need no key) and one
// with client keys (the page asks for the key), the second in Chinese, with a subject whose second image is dropped on
// its drop zone. Each time: open the console, submit cat.png, see the task finish, require the <video> to have a
// duration, the task's history to end in Success, its parameters and its thumbnails (loaded from the gateway) to show,
// then filter the list and switch the language. Screenshots of the first run go to docs/. Exit 0 only if
// all held.
//
//   node .ci/console/check.mjs            (the wrapper .ci/console-check installs playwright-core first)
// Environment: CONSOLE_CHECK_DEPS (where node_modules is), CHROMIUM (default /usr/bin/chromium),
// CONSOLE_CHECK_SCREENSHOTS (default docs; empty = none).

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const deps = process.env.CONSOLE_CHECK_DEPS ?? path.join(root, 'bootstrap/target/console-check');
const { chromium } = createRequire(path.join(deps, 'package.json'))('playwright-core');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const jar = path.join(root, 'bootstrap/target/vidu.jar');
const image = path.join(root, 'docs/examples/cat.png');
const shots = process.env.CONSOLE_CHECK_SCREENSHOTS ?? path.join(root, 'docs');
const TOTAL_LIMIT_MS = 240_000;

const servers = [];
let browser = null;

function log(line) {
  console.log(`console-check: ${line}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** `java -jar vidu.jar serve` with the fake provider at 50× speed, a fresh data directory, a free loopback port. */
async function startServer(keys) {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vidu-console-'));
  const env = { ...process.env, VIDU_PROVIDER: 'fake', VIDU_FAKE_SPEED: '50', VIDU_DATA_DIR: dataDir,
    VIDU_PORT: String(port), VIDU_HOST: '127.0.0.1', VIDU_API_KEYS: keys ?? '' };
  delete env.MODELVERSE_API_KEY;
  const logFile = path.join(dataDir, 'serve.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawn('java', ['-jar', jar, 'serve'], { env, stdio: ['ignore', out, out] });
  const server = { child, port, dataDir, logFile, base: `http://127.0.0.1:${port}` };
  servers.push(server);
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    if (child.exitCode != null) throw new Error(`the server exited (${child.exitCode}):\n${fs.readFileSync(logFile, 'utf8')}`);
    try {
      const response = await fetch(`${server.base}/health`);
      if (response.ok || response.status === 503) {
        log(`server up on ${server.base} in ${Date.now() - started} ms${keys ? ' (client keys configured)' : ''}`);
        return server;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not answer /health within 60 s:\n${fs.readFileSync(logFile, 'utf8')}`);
}

async function stopServer(server) {
  if (server.child.exitCode == null) {
    server.child.kill('SIGTERM');
    const ended = await Promise.race([
      new Promise((resolve) => server.child.once('exit', () => resolve(true))),
      new Promise((resolve) => setTimeout(() => resolve(false), 15_000)),
    ]);
    if (!ended) server.child.kill('SIGKILL');
  }
  fs.rmSync(server.dataDir, { recursive: true, force: true });
}

/** One pass through the console: submit, wait for Success, the video plays. Returns the figures seen. */
async function submitAndWatch(server, { key, locale, screenshots, shotSuffix = '', drop, subjects, expectNav }) {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A 401 before the key is given is expected: it is how the page learns that the gateway wants one.
    if (message.type() === 'error' && !(key && /401/.test(message.text()))) problems.push(`console: ${message.text()}`);
  });
  page.on('requestfailed', (request) => {
    if (!/net::ERR_ABORTED/.test(request.failure()?.errorText ?? '')) problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(server.base) && !/^(data|blob):/.test(request.url())) problems.push(`left the gateway: ${request.url()}`);
  });

  const opened = Date.now();
  await page.goto(`${server.base}/`, { waitUntil: 'domcontentloaded' });
  const domReady = Date.now() - opened;
  if (key) {
    await page.waitForSelector('#key-dialog[open] #key', { timeout: 15_000 });
    await page.fill('#key', key);
    await page.click('#key-save');
    const stored = await page.evaluate(() => [sessionStorage.getItem('vidu.key'), localStorage.getItem('vidu.key')]);
    if (stored[0] !== key || stored[1] != null) throw new Error(`the key should be in sessionStorage only, saw ${JSON.stringify(stored)}`);
  }
  await page.waitForSelector('#model option', { state: 'attached', timeout: 15_000 });
  const formReady = Date.now() - opened;
  const navText = await page.textContent('#nav');
  log(`${locale}: page loaded (DOMContentLoaded ${domReady} ms, form with the catalogue ${formReady} ms); nav: ${navText.replace(/\s+/g, ' ').trim()}`);
  if (!navText.includes(expectNav)) throw new Error(`with the browser in ${locale} the page should say "${expectNav}"`);

  // A prompt-less form is refused beside its field by the live dry run.
  // In subjects mode, one subject "cat" with its images; else plain reference images.
  const picker = subjects ? '#subject-0-images' : '#images';
  if (subjects) {
    await page.check('#mode-subjects');
    await page.fill('#subject-0-id', 'cat');
  }
  await page.setInputFiles(picker, image);
  await page.waitForSelector('[data-field="input.prompt"] .violation', { timeout: 15_000 });
  if (drop) {
    // A second reference image dropped on the drop zone, as a person drags a file from the desktop.
    await page.evaluate(async ([zone, base64]) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], 'dropped.png', { type: 'image/png' }));
      document.querySelector(zone).dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, [subjects ? '#subject-0-images-drop' : '#drop', fs.readFileSync(image).toString('base64')]);
    await page.waitForSelector('.thumb:nth-child(2) img', { timeout: 15_000 });
  }
  await page.fill('#prompt', subjects ? '@cat dances' : 'make it dance');
  const shortest = await page.$$eval('#duration option', (options) => options.map((o) => Number(o.value)).sort((a, b) => a - b)[0]);
  await page.selectOption('#duration', String(shortest));
  await page.waitForSelector('#estimate-cost', { timeout: 15_000 });
  await page.waitForSelector('#submit:not([disabled])', { timeout: 15_000 });
  const cost = await page.textContent('#estimate-cost');
  const typical = await page.textContent('#estimate-time');
  log(`${locale}: dry run valid, estimate ${cost.trim()}, typical time ${typical.trim()}`);
  if (screenshots) await page.screenshot({ path: path.join(screenshots, `console-submit${shotSuffix}.png`), fullPage: true });

  const submitted = Date.now();
  await page.click('#submit');
  await page.waitForURL(/#\/tasks\/[^/]+$/, { timeout: 15_000 });
  const id = decodeURIComponent(page.url().split('#/tasks/')[1]);
  await page.waitForSelector('#task-status [data-status="Success"]', { timeout: 120_000 });
  const finished = Date.now() - submitted;
  await page.waitForFunction(() => {
    const video = document.querySelector('#video');
    return video && video.readyState >= 1 && Number.isFinite(video.duration) && video.duration > 0;
  }, null, { timeout: 30_000 });
  const video = await page.$eval('#video', (v) => ({ duration: v.duration, width: v.videoWidth, height: v.videoHeight, src: v.src.split(':')[0] }));
  const download = await page.getAttribute('#download', 'href');
  log(`${locale}: task ${id} Success ${finished} ms after Submit; <video> duration ${video.duration.toFixed(2)} s,`
      + ` ${video.width}×${video.height}, source ${video.src}; download ${download.startsWith('blob:') ? 'blob URL' : download}`);
  if (key && video.src !== 'blob') throw new Error('with a key the video should play from a blob fetched with the key');
  // The task's history, from the gateway (GET /v1/tasks/{id}): oldest first, ending in Success.
  await page.waitForSelector('#task-history li[data-status="Success"]', { timeout: 15_000 });
  const history = await page.$$eval('#task-history li[data-status]', (items) => items.map((li) => li.dataset.status));
  if (history[0] !== 'Accepted' || history.at(-1) !== 'Success') throw new Error(`the history reads ${history.join(' → ')}`);
  // Its parameters, as the gateway stored them (defaults filled in).
  const model = await page.textContent('#task-parameters tr[data-param="model"] td');
  const seed = await page.$('#task-parameters tr[data-param="seed"]');
  if (!model?.trim() || !seed) throw new Error('the parameters table lacks the model or the seed');
  // The reference images, fetched from the gateway (with the key, when there is one) and shown.
  const expected = drop ? 2 : 1;
  await page.waitForFunction((count) => {
    const images = [...document.querySelectorAll('#task-images img.thumb-img')];
    return images.length === count && images.every((img) => img.complete && img.naturalWidth > 0);
  }, expected, { timeout: 15_000 }).catch(async () => {
    const seen = await page.$$eval('#task-images img.thumb-img', (images) => images.map((img) => `${img.naturalWidth}×${img.naturalHeight}`));
    const text = await page.textContent('#task-images');
    throw new Error(`the task page should show ${expected} loaded thumbnails; saw [${seen.join(', ')}]: ${text}`);
  });
  const thumbs = await page.$$eval('#task-images img.thumb-img', (images) => images.map((img) => ({
    width: img.naturalWidth, height: img.naturalHeight, src: img.src.split(':')[0] })));
  if (thumbs.some((thumb) => thumb.src !== 'blob')) throw new Error('the thumbnails should be blobs fetched with the key');
  log(`${locale}: history ${history.join(' → ')}; model ${model.trim()}; thumbnails ${thumbs.map((th) => `${th.width}×${th.height}`).join(', ')}`);
  if (screenshots) {
    // A frame from the middle of the clip rather than the loading spinner.
    await page.$eval('#video', async (v) => {
      v.currentTime = v.duration / 2;
      await v.play().catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 300));
      v.pause();
    });
    await page.waitForFunction(() => document.querySelector('#video').readyState >= 2 && !document.querySelector('#video').seeking,
      null, { timeout: 10_000 });
    await page.screenshot({ path: path.join(screenshots, `console-task${shotSuffix}.png`), fullPage: true });
  }

  // The list shows it, refreshed by itself.
  await page.click('a[href="#/tasks"]');
  await page.waitForSelector(`tr[data-task="${id}"] [data-status="Success"]`, { timeout: 15_000 });
  if (screenshots) await page.screenshot({ path: path.join(screenshots, `console-tasks${shotSuffix}.png`), fullPage: true });
  // Filtered by status: none failed, this one succeeded.
  await page.selectOption('#status-filter', 'Failure');
  await page.waitForSelector(`#task-list:not(:has(tr[data-task="${id}"]))`, { timeout: 15_000 });
  await page.selectOption('#status-filter', 'Success');
  await page.waitForSelector(`tr[data-task="${id}"]`, { timeout: 15_000 });
  // Switched to the other language in the page: every string changes, the data stays.
  const other = locale.startsWith('zh') ? { code: 'en', word: 'Tasks' } : { code: 'zh', word: '任务' };
  await page.selectOption('#lang', other.code);
  await page.waitForFunction((word) => document.querySelector('#nav').textContent.includes(word), other.word, { timeout: 5_000 });
  await page.waitForSelector(`tr[data-task="${id}"]`, { timeout: 15_000 });
  log(`${locale}: list filtered by status, page switched to ${other.code}`);
  await context.close();
  if (problems.length) throw new Error(`the browser reported problems:\n  ${problems.join('\n  ')}`);
  return { domReady, formReady, finished, duration: video.duration };
}

async function main() {
  const limit = setTimeout(() => {
    console.error(`console-check: FAILED: not done within ${TOTAL_LIMIT_MS / 1000} s`);
    cleanup().finally(() => process.exit(1));
  }, TOTAL_LIMIT_MS);
  if (!fs.existsSync(jar)) throw new Error(`${jar} is missing: build first (./mvnw -B verify)`);
  if (shots) fs.mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  log(`browser: ${executablePath} ${browser.version()}`);

  const open = await startServer(null);
  await submitAndWatch(open, { locale: 'en-GB', screenshots: shots, expectNav: 'New video' });
  await stopServer(open);

  const keyed = await startServer('console-check-key-1,console-check-key-2');
  await submitAndWatch(keyed, { key: 'console-check-key-2', locale: 'zh-CN', screenshots: shots, shotSuffix: '-zh', drop: true,
    subjects: true, expectNav: '新建视频' });
  await stopServer(keyed);
  clearTimeout(limit);
  log('OK');
}

async function cleanup() {
  await browser?.close().catch(() => {});
  await Promise.all(servers.map((s) => stopServer(s).catch(() => {})));
}

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    console.error(`console-check: ${signal}: stopping the servers`);
    cleanup().finally(() => process.exit(1));
  });
}

main().then(cleanup, async (error) => {
  console.error(`console-check: FAILED: ${error.stack ?? error}`);
  for (const server of servers) {
    if (fs.existsSync(server.logFile)) console.error(`--- ${server.logFile} (last lines)\n${fs.readFileSync(server.logFile, 'utf8').split('\n').slice(-30).join('\n')}`);
  }
  await cleanup();
  process.exit(1);
});
