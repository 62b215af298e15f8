// The tasks view (GET /v1/tasks, polled) and a task's page (GET /v1/tasks/status, the list's summary, the video).

import { tasks, videoSource } from './api.js';
import { catalogue, typicalSeconds } from './catalogue.js';
import { fill, h } from './dom.js';
import { bytes, dateTime, duration, t } from './i18n.js';
import { rememberedThumbs } from './submit.js';

const LIST_EVERY_MS = 3000;
const TASK_EVERY_MS = 2000;
/** The task statuses GET /v1/tasks?status= accepts (the gateway's lifecycle). */
const STATUSES = ['Accepted', 'Submitting', 'OutcomeUnknown', 'Pending', 'Running', 'Success', 'Failure'];
const TERMINAL = new Set(['Success', 'Failure', 'OutcomeUnknown']);

/** What the list shows: kept while the page lives, so coming back shows the same filter and page. */
const listState = { status: '', cursors: [null] };

function badge(status) {
  return h('span', { class: `badge status-${status}`, dataset: { status } }, t(`status.${status}`));
}

/** Progress of a task still in the provider's hands, against the provider's typical time for its parameters. */
function progress(task, models, now = Date.now() / 1000) {
  const status = task.status ?? task.task_status;
  const started = task.submit_time;
  if (status === 'Success' && task.finish_time && started) {
    return h('span', { class: 'muted' }, t('progress.done', { time: duration(task.finish_time - started) }));
  }
  if (TERMINAL.has(status) || !started) return '';
  const typical = typicalSeconds(models, task.model, task.duration, task.resolution);
  const elapsed = Math.max(0, now - started);
  if (!typical) return h('span', { class: 'muted' }, duration(elapsed));
  const fraction = Math.min(0.99, elapsed / typical);
  return h('div', { class: 'progress' },
    h('progress', { max: 100, value: Math.round(fraction * 100) }),
    h('span', { class: 'muted' }, elapsed < typical
      ? t('progress.eta', { time: duration(typical - elapsed) })
      : t('progress.overdue', { time: duration(typical) })));
}

function shortId(id) {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}

// ---- the list ---------------------------------------------------------------------------------------------------

export async function renderTasks(root) {
  let stopped = false;
  let timer = null;
  let models = [];
  try {
    models = await catalogue();
  } catch {
    models = []; // the list works without ETAs
  }
  const filter = h('select', { id: 'status-filter', onchange: (e) => { listState.status = e.target.value; listState.cursors = [null]; refresh(); } },
    h('option', { value: '' }, t('tasks.filter.all')),
    STATUSES.map((s) => h('option', { value: s, selected: s === listState.status }, t(`status.${s}`))));
  const table = h('div', { id: 'task-list' }, h('p', { class: 'muted' }, t('common.loading')));
  const stamp = h('span', { class: 'muted', id: 'refreshed' });
  const pager = h('div', { class: 'pager' });
  fill(root, h('section', {},
    h('div', { class: 'toolbar' },
      h('h1', {}, t('tasks.title')),
      h('label', {}, t('tasks.filter'), ' ', filter),
      stamp),
    table, pager));

  async function refresh() {
    clearTimeout(timer);
    const page = listState.cursors.length;
    try {
      const answer = await tasks.list({ status: listState.status, limit: 20, cursor: listState.cursors[page - 1] });
      if (stopped) return;
      drawList(answer);
      stamp.textContent = t('tasks.refreshed', { time: new Date().toLocaleTimeString() });
    } catch (error) {
      if (stopped) return;
      stamp.textContent = '';
      fill(table, h('p', { class: 'error' }, t('common.error', { message: error.message })));
    }
    if (!stopped) timer = setTimeout(refresh, LIST_EVERY_MS);
  }

  function drawList(answer) {
    const list = answer.tasks ?? [];
    if (list.length === 0) {
      fill(table, h('p', { class: 'muted' }, t('tasks.empty')));
    } else {
      fill(table, h('table', { class: 'tasks' },
        h('thead', {}, h('tr', {}, ['col.task', 'col.submitted', 'col.model', 'col.prompt', 'col.video', 'col.status', 'col.progress']
          .map((key) => h('th', {}, t(key))))),
        h('tbody', {}, list.map((task) => h('tr', { dataset: { task: task.task_id } },
          h('td', {}, h('a', { href: `#/tasks/${task.task_id}`, title: task.task_id }, shortId(task.task_id))),
          h('td', {}, dateTime(task.submit_time)),
          h('td', {}, task.model),
          h('td', { class: 'prompt' }, task.prompt),
          h('td', {}, `${task.duration} s · ${task.resolution} · ${task.aspect_ratio}`),
          h('td', {}, badge(task.status), task.error_message && h('div', { class: 'error small' }, task.error_message)),
          h('td', {}, progress(task, models)))))));
    }
    const page = listState.cursors.length;
    fill(pager,
      h('button', { type: 'button', disabled: page === 1, onclick: () => { listState.cursors = [null]; refresh(); } }, t('tasks.first')),
      h('button', { type: 'button', disabled: page === 1, onclick: () => { listState.cursors.pop(); refresh(); } }, t('tasks.newer')),
      h('span', { class: 'muted' }, t('tasks.page', { n: page })),
      h('button', { type: 'button', id: 'older', disabled: !answer.next_cursor,
        onclick: () => { listState.cursors.push(answer.next_cursor); refresh(); } }, t('tasks.older')));
  }

  refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

// ---- one task ---------------------------------------------------------------------------------------------------

/** The list's entry of a task (its parameters, video and images): newest pages first, a bounded search. */
async function findSummary(id) {
  let cursor = null;
  for (let page = 0; page < 10; page++) {
    const answer = await tasks.list({ limit: 100, cursor });
    const found = (answer.tasks ?? []).find((task) => task.task_id === id);
    if (found || !answer.next_cursor) return found ?? null;
    cursor = answer.next_cursor;
  }
  return null;
}

function seen(id, status) {
  const key = `vidu.seen.${id}`;
  let history = [];
  try {
    history = JSON.parse(sessionStorage.getItem(key) ?? '[]');
  } catch {
    history = [];
  }
  if (status && history.at(-1)?.status !== status) {
    history.push({ status, at: Date.now() / 1000 });
    try {
      sessionStorage.setItem(key, JSON.stringify(history));
    } catch {
      // storage full: the history is only this page's
    }
  }
  return history;
}

export async function renderTask(root, id) {
  let stopped = false;
  let timer = null;
  let video = null; // {url, revoke}
  let models = [];
  try {
    models = await catalogue();
  } catch {
    models = [];
  }
  const head = h('div', {}, h('p', { class: 'muted' }, t('common.loading')));
  const details = h('div', { class: 'task-details' });
  const videoBox = h('div', { class: 'video-box', id: 'video-box' });
  fill(root, h('section', { class: 'task' },
    h('a', { href: '#/tasks', class: 'back' }, t('task.back')),
    h('h1', {}, t('task.title', { id })),
    head,
    h('div', { class: 'task-grid' }, details, h('div', {}, h('h2', {}, t('task.video')), videoBox))));
  let summary = null;
  let lastStatus = null;

  async function refresh() {
    clearTimeout(timer);
    let status;
    try {
      status = await tasks.status(id);
    } catch (error) {
      if (stopped) return;
      fill(head, h('p', { class: 'error' }, error.status === 404 ? t('task.notFound') : t('common.error', { message: error.message })));
      if (error.status !== 404) timer = setTimeout(refresh, TASK_EVERY_MS * 2);
      return;
    }
    if (stopped) return;
    const output = status.output ?? {};
    const waitingForCopy = output.task_status === 'Success' && !summary?.video?.stored;
    if (output.task_status !== lastStatus || !summary || waitingForCopy) {
      try {
        summary = (await findSummary(id)) ?? summary;
      } catch {
        // the status alone is shown
      }
      lastStatus = output.task_status;
    }
    if (stopped) return;
    const task = {
      ...(summary ?? {}),
      task_id: id,
      status: summary && TERMINAL.has(summary.status) ? summary.status : output.task_status,
      submit_time: output.submit_time ?? summary?.submit_time,
      finish_time: output.finish_time ?? summary?.finish_time,
      error_message: output.error_message ?? summary?.error_message,
      duration: summary?.duration ?? status.usage?.duration,
    };
    draw(task);
    const stored = summary?.video?.stored;
    const removed = summary?.video?.removed_at;
    const finished = TERMINAL.has(output.task_status) && (output.task_status !== 'Success' || stored || removed);
    if (output.task_status === 'Success' && stored) await showVideo(task);
    else if (output.task_status === 'Success' && summary?.video?.problem) {
      // not copied (yet): the gateway says why, and retries the copy by itself
      fill(videoBox, h('p', { class: removed ? 'error' : 'muted' }, t('task.video.none', { why: summary.video.problem })));
    } else if (!TERMINAL.has(output.task_status) || output.task_status === 'Success') {
      fill(videoBox, h('p', { class: 'muted' }, t('task.video.waiting')));
    } else {
      fill(videoBox, h('p', { class: 'muted' }, t('common.none')));
    }
    if (!stopped && !finished) timer = setTimeout(refresh, TASK_EVERY_MS);
  }

  function draw(task) {
    const history = seen(id, task.status);
    fill(head, h('div', { class: 'task-head' },
      h('span', { id: 'task-status' }, badge(task.status)),
      progress(task, models),
      task.error_message && h('p', { class: 'error', id: 'task-error' }, task.error_message)));
    const thumbs = rememberedThumbs(id);
    const parameter = (key, value) => value != null && [h('dt', {}, t(key)), h('dd', {}, value)];
    fill(details,
      h('h2', {}, t('task.parameters')),
      h('dl', { class: 'params' },
        parameter('task.status', t(`status.${task.status}`)),
        parameter('task.submitted', dateTime(task.submit_time)),
        task.finish_time && parameter('task.finished', dateTime(task.finish_time)),
        task.submit_time && parameter('task.elapsed', duration((task.finish_time ?? Date.now() / 1000) - task.submit_time)),
        parameter('param.model', task.model),
        parameter('param.prompt', task.prompt),
        task.duration != null && parameter('param.duration', `${task.duration} s`),
        parameter('param.resolution', task.resolution),
        parameter('param.aspect_ratio', task.aspect_ratio)),
      h('h2', {}, t('task.images')),
      task.images != null && h('p', {}, t('task.images.count', { count: task.images })),
      task.images_removed_at && h('p', { class: 'muted' }, t('task.images.removed', { time: task.images_removed_at })),
      thumbs?.length
        ? [h('div', { class: 'thumbs' }, thumbs.map((src) => src && h('img', { src, alt: '', class: 'thumb-img' }))),
          h('p', { class: 'muted small' }, t('task.images.local'))]
        : h('p', { class: 'muted small' }, t('task.images.none')),
      h('h2', {}, t('task.history')),
      h('ol', { class: 'history' }, timeline(task, history).map((entry) => h('li', {}, dateTime(Math.floor(entry.at)), ' — ', entry.what))),
      h('p', { class: 'muted small' }, t('task.history.note')));
  }

  async function showVideo(task) {
    if (video) return;
    fill(videoBox, h('p', { class: 'muted' }, t('task.video.loading')));
    try {
      video = await videoSource(id);
    } catch (error) {
      fill(videoBox, h('p', { class: 'error' }, t('task.video.none', { why: error.message })));
      return;
    }
    if (stopped) {
      video.revoke();
      return;
    }
    const info = task.video;
    fill(videoBox,
      h('video', { id: 'video', src: video.url, controls: true, preload: 'metadata', playsInline: true, muted: true, loop: true }),
      h('p', {},
        h('a', { href: video.url, download: `${id}.mp4`, id: 'download', class: 'button' }, t('task.video.download')),
        info?.size != null && h('span', { class: 'muted small' }, ' ', t('task.video.size', { size: bytes(info.size), sha: (info.sha256 ?? '').slice(0, 12) }))));
  }

  refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
    video?.revoke();
  };
}

/** The API's submit and finish times and the states this page saw, oldest first (ties: the API's order first). */
function timeline(task, history) {
  const entries = [];
  if (task.submit_time) entries.push({ at: task.submit_time, rank: 0, what: t('task.history.submitted') });
  history.forEach((entry) => entries.push({ at: entry.at, rank: 1, what: badge(entry.status) }));
  if (task.finish_time) entries.push({ at: task.finish_time + 0.999, rank: 2, what: t('task.history.finished') });
  return entries.sort((a, b) => a.at - b.at || a.rank - b.rank);
}
