// The console in a real browser (issue 13): headless Debian chromium, driven by playwright-core, against the built
// jar with the fake provider, on loopback only. Twice: a key-less server (loopback clients need no key) and one
// with client keys (the page asks for the key), the second in Chinese, with a subject whose second image is dropped on
// its drop zone. Each time: open the console, submit cat.png, see the task finish, require the <video> to have a
// duration, the task's history to end in Success, its parameters and its thumbnails (loaded from the gateway) to show,
// then filter the list and switch the language. Screenshots of the first run go to docs/.
// Then limits and usage (issue 20): a client "alice" made by `vidu clients add alice --budget 3` before the server
// starts; with her key the console shows what is left of the budget beside the estimate, takes tasks until the next
// would exceed the budget, warns before it and shows the gateway's refusal (HTTP 429) naming what remains; the
// Usage page then shows the accepted tasks in its table and a bar in its SVG chart, in English and in Chinese, and
// an empty range says so instead of drawing a chart. Exit 0 only if all held.
//
//   node .ci/console/check.mjs            (the wrapper .ci/console-check installs playwright-core first)
// Environment: CONSOLE_CHECK_DEPS (where node_modules is), CHROMIUM (default /usr/bin/chromium),
// CONSOLE_CHECK_SCREENSHOTS (default docs; empty = none).

import { spawn, spawnSync } from 'node:child_process';
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

/** The environment of the jar (server or CLI): the fake provider at 50× speed, the given data directory. */
function viduEnvironment(dataDir, extra = {}) {
  const env = { ...process.env, VIDU_PROVIDER: 'fake', VIDU_FAKE_SPEED: '50', VIDU_DATA_DIR: dataDir, ...extra };
  delete env.MODELVERSE_API_KEY;
  for (const name of ['VIDU_API_KEYS', 'VIDU_ADMIN_KEY', 'VIDU_CLIENT_BUDGET', 'VIDU_CLIENT_CONCURRENCY', 'VIDU_CLIENT_STORAGE']) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

/**
 * `vidu clients add <name> --budget <yuan>` in a fresh data directory, before any server runs on it: returns the
 * directory and the key the command printed (shown once, "vg_…").
 */
function addClient(name, budget) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vidu-console-'));
  const started = Date.now();
  const run = spawnSync('java', ['-jar', jar, 'clients', 'add', name, '--budget', String(budget)],
    { env: viduEnvironment(dataDir), encoding: 'utf8', timeout: 60_000 });
  const printed = `${run.stdout ?? ''}\n${run.stderr ?? ''}`;
  const key = (run.stdout ?? '').match(/\b(vg_[A-Za-z0-9_-]{16,})/)?.[1];
  if (run.status !== 0 || !key) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`vidu clients add ${name} --budget ${budget} should print a key and exit 0; exit ${run.status}:\n${printed}`);
  }
  log(`vidu clients add ${name} --budget ${budget}: key ${key.slice(0, 11)}… in ${Date.now() - started} ms`);
  return { dataDir, key };
}

/** `java -jar vidu.jar serve` with the fake provider at 50× speed, a fresh (or the given) data directory, a free loopback port. */
async function startServer(keys, { dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vidu-console-')), extra = {} } = {}) {
  const port = await freePort();
  const env = viduEnvironment(dataDir, { VIDU_PORT: String(port), VIDU_HOST: '127.0.0.1', VIDU_API_KEYS: keys ?? '', ...extra });
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

/** The gateway's answer to `path` for the holder of `key`, as JSON (the check's own look, beside the page's). */
async function api(server, key, pathAndQuery) {
  const response = await fetch(`${server.base}${pathAndQuery}`, { headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${pathAndQuery}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

/** A browser context on the console with the client's key given in the key dialog, and its problems collected. */
async function openWithKey(server, key, locale) {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Expected: the 401 that makes the page ask for the key, the 429 of the refused submit.
    if (message.type() === 'error' && !/status of (401|429)\b/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on('requestfailed', (request) => {
    if (!/net::ERR_ABORTED/.test(request.failure()?.errorText ?? '')) problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(server.base) && !/^(data|blob):/.test(request.url())) problems.push(`left the gateway: ${request.url()}`);
  });
  await page.goto(`${server.base}/`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#key-dialog[open] #key', { timeout: 15_000 });
  await page.fill('#key', key);
  await page.click('#key-save');
  await page.waitForSelector('#model option', { state: 'attached', timeout: 15_000 });
  return { context, page, problems };
}

/** The form made ready to send (cat.png, a prompt, the first model's defaults); returns the estimate in yuan. */
async function prepareSubmit(page) {
  await page.waitForSelector('#model option', { state: 'attached', timeout: 15_000 });
  if (!(await page.$('.thumb img'))) {
    await page.setInputFiles('#images', image);
    await page.waitForSelector('.thumb img', { timeout: 15_000 });
  }
  await page.fill('#prompt', 'make it dance');
  await page.waitForSelector('#estimate-cost', { timeout: 15_000 });
  await page.waitForSelector('#submit:not([disabled])', { timeout: 15_000 });
  const cost = Number((await page.textContent('#estimate-cost')).replace(/[^0-9.]/g, ''));
  if (!(cost > 0)) throw new Error(`the estimate should be an amount of yuan, read ${await page.textContent('#estimate-cost')}`);
  return cost;
}

/** Waits until the budget line beside the estimate starts with `remaining` (two decimals); returns its text. */
async function budgetLine(page, remaining, what) {
  const expected = remaining.toFixed(2);
  await page.waitForFunction((start) => document.querySelector('#budget-left')?.textContent.trim().startsWith(start), expected,
    { timeout: 15_000 }).catch(async () => {
    throw new Error(`${what}: the budget line should start with ${expected}; it reads ${JSON.stringify(await page.textContent('#check'))}`);
  });
  return (await page.textContent('#budget-left')).trim();
}

/** The Usage page's table and chart once it shows `count` tasks; returns what it read. */
async function readUsage(page, count, what) {
  await page.waitForSelector('#usage-table', { timeout: 15_000 }).catch(async () => {
    throw new Error(`${what}: the usage table did not appear; the page reads ${JSON.stringify(await page.textContent('#view'))}`);
  });
  const seen = await page.evaluate(() => {
    const cell = (row, col) => row?.querySelector(`[data-col="${col}"]`)?.textContent.trim();
    const total = document.querySelector('#usage-total');
    return {
      rows: [...document.querySelectorAll('#usage-table tbody tr')].map((tr) => ({ group: tr.dataset.group, tasks: Number(cell(tr, 'tasks')) })),
      tasks: Number(cell(total, 'tasks')),
      success: Number(total?.querySelector('[data-status="Success"]')?.textContent ?? 0),
      reserved: Number(cell(total, 'reserved')),
      settled: Number(cell(total, 'settled')),
      totalLabel: total?.querySelector('th')?.textContent.trim(),
      bars: [...document.querySelectorAll('#usage-chart svg rect.bar')].map((bar) => ({ day: bar.dataset.day, cny: Number(bar.dataset.cny), height: Number(bar.getAttribute('height')) })),
      axis: [...document.querySelectorAll('#usage-chart svg text')].map((text) => text.textContent),
      label: document.querySelector('#usage-chart svg')?.getAttribute('aria-label'),
      headers: [...document.querySelectorAll('#usage-table thead th')].map((th) => th.textContent.trim()),
    };
  });
  if (seen.tasks !== count || seen.rows.reduce((sum, row) => sum + row.tasks, 0) !== count) {
    throw new Error(`${what}: the usage table should count ${count} tasks, read ${JSON.stringify(seen)}`);
  }
  if (seen.bars.length < 1 || seen.bars.some((bar) => !(bar.height > 0))) {
    throw new Error(`${what}: the chart should have at least one bar, read ${JSON.stringify(seen.bars)}`);
  }
  if (seen.axis.length < 3) throw new Error(`${what}: the chart lacks its axis labels: ${JSON.stringify(seen.axis)}`);
  return seen;
}

/**
 * Issue 20 in the console: alice (budget `budget` yuan, made by the CLI) submits until the next task would exceed
 * her budget; the form shows what is left and warns; the gateway's refusal is shown; the Usage page shows the tasks.
 */
async function budgetAndUsage(server, key, budget, screenshots) {
  const account = await api(server, key, '/v1/account');
  if (account.client !== 'alice' || Number(account.limits?.monthly_budget_cny) !== budget) {
    throw new Error(`GET /v1/account with alice's key should name alice with a budget of ${budget}: ${JSON.stringify(account)}`);
  }
  const { context, page, problems } = await openWithKey(server, key, 'en-GB');
  const cost = await prepareSubmit(page);
  const model = await page.inputValue('#model');
  let remaining = Number(account.remaining_budget_cny);
  log(`en-GB: alice's form: estimate ${cost.toFixed(2)} CNY, ${await budgetLine(page, remaining, 'before any task')}`);

  // Tasks while the budget covers them.
  const accepted = [];
  while (remaining + 1e-9 >= cost) {
    if (accepted.length >= 10) throw new Error(`the budget of ${budget} CNY should not cover ${accepted.length} tasks of ${cost} CNY`);
    if (await page.$('#budget-warning')) throw new Error(`no warning while ${remaining.toFixed(2)} CNY cover ${cost.toFixed(2)} CNY`);
    await page.click('#submit');
    await page.waitForURL(/#\/tasks\/[^/]+$/, { timeout: 15_000 }).catch(async () => {
      throw new Error(`task ${accepted.length + 1} (${remaining.toFixed(2)} CNY left) was not accepted: ${await page.textContent('#send-error')}`);
    });
    accepted.push(decodeURIComponent(page.url().split('#/tasks/')[1]));
    remaining = Math.round((remaining - cost) * 100) / 100;
    await page.click('#nav a[href="#/"]:not(.brand)');
    await prepareSubmit(page);
    await budgetLine(page, remaining, `after ${accepted.length} task(s)`);
  }
  if (accepted.length === 0) throw new Error(`a budget of ${budget} CNY should cover a task of ${cost} CNY`);

  // The next one would exceed it: the form warns, and the gateway's refusal (429 insufficient_quota) is shown.
  const line = await budgetLine(page, remaining, 'over budget');
  await page.waitForSelector('#budget-warning', { timeout: 5_000 }).catch(() => {
    throw new Error(`with ${remaining.toFixed(2)} CNY left and an estimate of ${cost.toFixed(2)} CNY the form should warn`);
  });
  const warning = (await page.textContent('#budget-warning')).trim();
  await page.click('#submit');
  await page.waitForFunction(() => document.querySelector('#send-error')?.textContent.trim(), null, { timeout: 15_000 });
  const refusal = (await page.textContent('#send-error')).trim();
  if (/#\/tasks\//.test(page.url())) throw new Error('the task over budget should have been refused');
  if (!refusal.includes(remaining.toFixed(2)) || !/budget/i.test(refusal)) {
    throw new Error(`the refusal should be the gateway's and name the ${remaining.toFixed(2)} CNY left: ${refusal}`);
  }
  log(`en-GB: ${accepted.length} task(s) accepted; then "${line}", warning "${warning}"; refused: "${refusal}"`);

  // The accepted tasks end (so the chart shows settled money), then the Usage page shows them.
  const until = Date.now() + 60_000;
  for (const id of accepted) {
    while ((await api(server, key, `/v1/tasks/${encodeURIComponent(id)}`)).status !== 'Success') {
      if (Date.now() > until) throw new Error(`task ${id} did not succeed within 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  await page.click('#nav a[href="#/usage"]');
  const english = await readUsage(page, accepted.length, 'en-GB');
  const spent = english.settled + english.reserved;
  if (english.success !== accepted.length || Math.abs(spent - accepted.length * cost) > 0.005) {
    throw new Error(`the usage total should be ${accepted.length} successful tasks and ${(accepted.length * cost).toFixed(2)} CNY: ${JSON.stringify(english)}`);
  }
  log(`en-GB: Usage: ${english.rows.map((row) => `${row.group} ${row.tasks} task(s)`).join(', ')}; total ${english.tasks} task(s),`
      + ` settled ${english.settled.toFixed(2)} CNY, reserved ${english.reserved.toFixed(2)} CNY; ${english.bars.length} bar(s); chart "${english.label}"`);
  if (screenshots) await page.screenshot({ path: path.join(screenshots, 'console-usage.png'), fullPage: true });

  // Grouped by model: one line for the model; the chart stays per day.
  await page.selectOption('#usage-group', 'model');
  await page.waitForSelector(`#usage-table tbody tr[data-group="${model}"]`, { timeout: 15_000 });
  await readUsage(page, accepted.length, 'en-GB by model');
  // A range without tasks says so, and draws no chart.
  await page.fill('#usage-to', '2020-01-31');
  await page.fill('#usage-from', '2020-01-01');
  await page.waitForSelector('#usage-empty', { timeout: 15_000 });
  if (await page.$('#usage-chart')) throw new Error('an empty range should show no chart');
  const empty = (await page.textContent('#usage-empty')).trim();
  await page.click('#usage-month');
  await page.selectOption('#usage-group', 'day');
  await readUsage(page, accepted.length, 'en-GB this month again');
  log(`en-GB: grouped by model, then an empty range: "${empty}"`);
  await context.close();
  if (problems.length) throw new Error(`the browser reported problems:\n  ${problems.join('\n  ')}`);

  // The same in Chinese: the budget beside the estimate, the refusal, the Usage page.
  const zh = await openWithKey(server, key, 'zh-CN');
  await prepareSubmit(zh.page);
  const zhLine = await budgetLine(zh.page, remaining, 'zh-CN');
  await zh.page.waitForSelector('#budget-warning', { timeout: 5_000 });
  await zh.page.click('#submit');
  await zh.page.waitForFunction(() => document.querySelector('#send-error')?.textContent.trim(), null, { timeout: 15_000 });
  const zhRefusal = (await zh.page.textContent('#send-error')).trim();
  if (!zhRefusal.includes(remaining.toFixed(2)) || !/[\u4e00-\u9fff]/.test(zhRefusal) || /budget/i.test(zhRefusal)) {
    throw new Error(`the refusal should be in Chinese and name the ${remaining.toFixed(2)} CNY left: ${zhRefusal}`);
  }
  const zhNav = await zh.page.textContent('#nav');
  if (!zhNav.includes('用量')) throw new Error(`in zh-CN the nav should offer 用量: ${zhNav}`);
  await zh.page.click('#nav a[href="#/usage"]');
  const chinese = await readUsage(zh.page, accepted.length, 'zh-CN');
  if (chinese.totalLabel !== '合计' || !chinese.label?.includes('元')) {
    throw new Error(`the Usage page should speak Chinese: ${JSON.stringify(chinese)}`);
  }
  log(`zh-CN: "${zhLine}"; refused: "${zhRefusal}"; 用量: ${chinese.headers.join(' | ')}; ${chinese.bars.length} bar(s)`);
  if (screenshots) await zh.page.screenshot({ path: path.join(screenshots, 'console-usage-zh.png'), fullPage: true });
  await zh.context.close();
  if (zh.problems.length) throw new Error(`the browser reported problems:\n  ${zh.problems.join('\n  ')}`);
}

/**
 * Issue 21: a running task cancelled from its page. The fake provider at its real pace (a 5 s clip takes ~30 s), so the
 * task is still running when the button is pressed; the page then shows Cancelled, the typed code and what it means.
 */
async function cancelRunningTask(server, locale) {
  const body = JSON.stringify({ model: 'viduq2', input: { images: ['data:image/png;base64,' + fs.readFileSync(image).toString('base64')],
    prompt: 'cancel me' }, parameters: { vidu_type: 'reference2video' } });
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // The list follows the event stream: it reads again every 30 s on its own, so a new row within 5 s came by the stream.
  await page.goto(`${server.base}/#/tasks`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('[data-stream="live"]', { timeout: 15_000 });
  await page.waitForTimeout(500);
  const submittedAt = Date.now();
  const submitted = await fetch(`${server.base}/v1/tasks/submit`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  if (!submitted.ok) throw new Error(`submit for the cancel check: HTTP ${submitted.status} ${await submitted.text()}`);
  const id = (await submitted.json()).output.task_id;
  await page.waitForSelector(`tr[data-task="${id}"]`, { timeout: 5_000 });
  log(`${locale}: the list showed the new task ${Date.now() - submittedAt} ms after its submit, by its event stream`);
  await page.goto(`${server.base}/#/tasks/${id}`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#task-cancel', { timeout: 15_000 });
  const before = await page.getAttribute('#task-status .badge', 'data-status');
  await page.click('#task-cancel');
  await page.waitForSelector('#task-status .badge[data-status="Cancelled"]', { timeout: 15_000 });
  await page.waitForSelector('#task-cancel-note', { timeout: 15_000 });
  const note = await page.textContent('#task-cancel-note');
  const error = await page.textContent('#task-error');
  if (!/\[cancelled\]/.test(error)) throw new Error(`the cancelled task should show its code, read "${error}"`);
  if (await page.$('#task-cancel')) throw new Error('a cancelled task should offer no Cancel button');
  // Status answers come from the server's memory, current within a second of a change (decision 13).
  let status;
  for (const started = Date.now(); Date.now() - started < 5_000;) {
    status = await (await fetch(`${server.base}/v1/tasks/status?task_id=${id}`)).json();
    if (status.output.task_status === 'Failure') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (status.output.task_status !== 'Failure') throw new Error(`a provider client should see Failure within 5 s, got ${status.output.task_status}`);
  if (problems.length) throw new Error(`the cancel page had problems:\n${problems.join('\n')}`);
  log(`${locale}: cancelled a ${before} task from its page: "${note.trim()}"; ${error.trim()}`);
  await context.close();
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

  const BUDGET = 3;
  const alice = addClient('alice', BUDGET);
  // No VIDU_API_KEYS: alice's key in the task database is what makes the server ask for a key.
  const limited = await startServer(null, { dataDir: alice.dataDir });
  await budgetAndUsage(limited, alice.key, BUDGET, shots);
  await stopServer(limited);

  const slow = await startServer(null, { extra: { VIDU_FAKE_SPEED: '1' } });
  await cancelRunningTask(slow, 'en-GB');
  await stopServer(slow);
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
