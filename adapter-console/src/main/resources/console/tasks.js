// The tasks view (GET /v1/tasks, polled) and a task's page (GET /v1/tasks/{id} polled: parameters, history, reference
// images; the video).

import { events, imageSource, posterSource, tasks, videoSource } from './api.js';
import { catalogue, typicalSeconds } from './catalogue.js';
import { fill, h } from './dom.js';
import { bytes, dateTime, duration, t } from './i18n.js';

const LIST_EVERY_MS = 3000;
const TASK_EVERY_MS = 2000;
/** How often a page reads again while its event stream is connected: the stream says when something changed. */
const STREAMED_EVERY_MS = 30000;
/** The task statuses GET /v1/tasks?status= accepts (the gateway's lifecycle). */
const STATUSES = ['Accepted', 'Submitting', 'OutcomeUnknown', 'Pending', 'Running', 'Success', 'Failure', 'Cancelled'];
const TERMINAL = new Set(['Success', 'Failure', 'Cancelled', 'OutcomeUnknown']);

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
  let streamed = false;
  let soon = null;
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
  // Posters of stored videos, by task id: {url, revoke} once fetched, {retryAt} after a failure (never again when the
  // video cannot be decoded or is gone), {} while fetching. Kept across the list's redraws, revoked when it goes.
  const posters = new Map();
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
    if (!stopped) timer = setTimeout(refresh, streamed ? STREAMED_EVERY_MS : LIST_EVERY_MS);
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
          h('td', { class: 'task-cell' }, posterSlot(task), h('a', { href: `#/tasks/${task.task_id}`, title: task.task_id }, shortId(task.task_id))),
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

  /** Where a task's poster goes in its row: the thumbnail once fetched, nothing before (or when there is none). */
  function posterSlot(task) {
    const slot = h('span', { class: 'poster-slot' });
    if (!task.video?.stored) return slot;
    const id = task.task_id;
    const known = posters.get(id);
    if (known?.url) return fill(slot, posterImage(id, known.url));
    if (known && !(known.retryAt <= Date.now())) return slot;
    posters.set(id, {});
    posterSource(id).then((source) => {
      if (stopped) {
        source.revoke();
        return;
      }
      posters.set(id, source);
      const shown = [...table.querySelectorAll('tr[data-task]')].find((row) => row.dataset.task === id);
      const place = shown?.querySelector('.poster-slot');
      if (place) fill(place, posterImage(id, source.url));
    }, (error) => {
      // 422: the video cannot be decoded; 404/410: no such task or video any more. Else (409, 503) try again later.
      const never = [404, 410, 422].includes(error.status);
      posters.set(id, { retryAt: never ? Infinity : Date.now() + 30_000 });
    });
    return slot;
  }

  function posterImage(id, url) {
    return h('img', { src: url, alt: t('tasks.poster.alt', { id }), class: 'poster-thumb' });
  }

  refresh();
  // The list reads again when a task of the caller's changes (any instance's change arrives within a second), not on a
  // timer; a change burst is read once.
  const closeStream = events('/v1/tasks/events', () => {
    clearTimeout(soon);
    soon = setTimeout(() => { if (!stopped) refresh(); }, 150);
  }, (connected) => {
    streamed = connected;
    root.dataset.stream = connected ? 'live' : 'polling';
  });
  return () => {
    stopped = true;
    clearTimeout(timer);
    clearTimeout(soon);
    closeStream();
    posters.forEach((source) => source.revoke?.());
  };
}

// ---- one task ---------------------------------------------------------------------------------------------------

/** The statuses after which a task never changes (OutcomeUnknown is still being found out). */
const ENDED = new Set(['Success', 'Failure', 'Cancelled']);
/** The statuses a client may cancel (not while the task is on its way to the provider). */
const CANCELLABLE = new Set(['Accepted', 'Pending', 'Running']);

export async function renderTask(root, id) {
  let stopped = false;
  let timer = null;
  let streamed = false;
  let video = null; // {url, revoke}
  const thumbs = new Map(); // image number → {url, revoke} or {error}
  let imagesShown = null; // what the images section shows, to draw it again only when that changes
  let models = [];
  try {
    models = await catalogue();
  } catch {
    models = [];
  }
  const head = h('div', {}, h('p', { class: 'muted' }, t('common.loading')));
  const parameters = h('div', { id: 'task-parameters' });
  const images = h('div', { id: 'task-images' });
  const history = h('div', { id: 'task-history' });
  const videoBox = h('div', { class: 'video-box', id: 'video-box' });
  fill(root, h('section', { class: 'task' },
    h('a', { href: '#/tasks', class: 'back' }, t('task.back')),
    h('h1', {}, t('task.title', { id })),
    head,
    h('div', { class: 'task-grid' },
      h('div', { class: 'task-details' }, parameters, images, history),
      h('div', {}, h('h2', {}, t('task.video')), videoBox))));

  async function refresh() {
    clearTimeout(timer);
    let task;
    try {
      task = await tasks.details(id);
    } catch (error) {
      if (stopped) return;
      fill(head, h('p', { class: 'error', id: 'task-error' }, error.status === 404 ? t('task.notFound')
        : t('task.details.failed', { message: error.message })));
      if (error.status !== 404) timer = setTimeout(refresh, TASK_EVERY_MS * 2);
      return;
    }
    if (stopped) return;
    draw(task);
    const stored = task.video?.stored;
    const removed = task.video?.removed_at;
    const finished = ENDED.has(task.status) && (task.status !== 'Success' || stored || removed);
    if (task.status === 'Success' && stored) await showVideo(task);
    else if (task.status === 'Success' && task.video?.problem) {
      // not copied (yet): the gateway says why, and retries the copy by itself
      fill(videoBox, h('p', { class: removed ? 'error' : 'muted' }, t('task.video.none', { why: task.video.problem })));
    } else if (!ENDED.has(task.status) || task.status === 'Success') {
      fill(videoBox, h('p', { class: 'muted' }, t('task.video.waiting')));
    } else {
      fill(videoBox, h('p', { class: 'muted' }, t('common.none')));
    }
    if (!stopped && !finished) timer = setTimeout(refresh, streamed ? STREAMED_EVERY_MS : TASK_EVERY_MS);
  }

  let cancelNote = null;

  async function cancelTask() {
    try {
      const answer = await tasks.cancel(id);
      cancelNote = answer.message;
    } catch (error) {
      cancelNote = t('task.cancel.failed', { message: error.message });
    }
    refresh();
  }

  function draw(task) {
    fill(head, h('div', { class: 'task-head' },
      h('span', { id: 'task-status' }, badge(task.status)),
      progress(task, models),
      CANCELLABLE.has(task.status) && h('button', { id: 'task-cancel', type: 'button', onclick: () => cancelTask() },
        t('task.cancel')),
      task.error_message && h('p', { class: 'error', id: 'task-error' },
        task.error?.code ? `[${task.error.code}] ` : '', task.error_message),
      cancelNote && h('p', { class: 'muted', id: 'task-cancel-note' }, cancelNote)));
    fill(parameters, h('h2', {}, t('task.parameters')), parameterTable(task));
    fill(history, h('h2', {}, t('task.history')), timeline(task.history ?? []));
    const shown = JSON.stringify(task.reference_images ?? []);
    if (shown !== imagesShown) {
      imagesShown = shown;
      drawImages(task);
    }
  }

  function drawImages(task) {
    const list = task.reference_images ?? [];
    fill(images,
      h('h2', {}, t('task.images')),
      h('p', { class: 'muted small' }, t('task.images.count', { count: list.length })),
      task.images_removed_at && h('p', { class: 'muted' }, t('task.images.removed', { time: isoTime(task.images_removed_at) })),
      h('div', { class: 'thumbs' }, list.map((image, n) => thumb(image, n))));
  }

  /** One reference image: its thumbnail (inline, fetched with the key), or what stands in for it, and what it is. */
  function thumb(image, n) {
    const figure = h('figure', { class: 'thumb task-thumb', dataset: { field: image.field } });
    const caption = h('figcaption', {}, h('div', { title: image.field }, image.field));
    if (image.kind !== 'inline') {
      // Never fetched: the page loads nothing from elsewhere (and its CSP would not let it).
      figure.append(h('div', { class: 'no-thumb' }, '🔗'), caption);
      caption.append(h('div', { class: 'small' }, t('task.images.url')),
        h('a', { href: image.url, target: '_blank', rel: 'noopener noreferrer', class: 'small url', title: image.url }, image.url));
      return figure;
    }
    caption.append(h('div', { class: 'small' }, t('task.images.info',
      { format: image.format, width: image.width, height: image.height, size: bytes(image.bytes) })));
    if (image.removed_at) {
      figure.append(h('div', { class: 'no-thumb' }, '∅'), caption);
      caption.append(h('div', { class: 'small muted' }, t('task.images.gone', { time: isoTime(image.removed_at) })));
      return figure;
    }
    const holder = h('div', { class: 'no-thumb' }, '…');
    figure.append(holder, caption);
    const show = (source) => {
      if (source.url) holder.replaceWith(h('img', { src: source.url, alt: image.field, class: 'thumb-img' }));
      else caption.append(h('div', { class: 'small error' }, t('task.images.failed', { message: source.error })));
    };
    if (thumbs.has(n)) {
      show(thumbs.get(n));
    } else {
      imageSource(id, n).then((source) => {
        if (stopped) {
          source.revoke();
          return;
        }
        thumbs.set(n, source);
        show(source);
      }, (error) => {
        thumbs.set(n, { error: error.message });
        if (!stopped) show({ error: error.message });
      });
    }
    return figure;
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
  // Read again when the task changes (its event stream), instead of every two seconds.
  const closeStream = events(`/v1/tasks/${encodeURIComponent(id)}/events`, () => { if (!stopped) refresh(); },
    (connected) => {
      streamed = connected;
      root.dataset.stream = connected ? 'live' : 'polling';
    });
  return () => {
    stopped = true;
    clearTimeout(timer);
    closeStream();
    video?.revoke();
    thumbs.forEach((source) => source.revoke?.());
  };
}

function isoTime(iso) {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : dateTime(ms / 1000);
}

/** The task's parameters as the gateway stored them, every default filled in. */
function parameterTable(task) {
  const p = task.parameters ?? {};
  const yesNo = (value) => (value == null ? null : t(value ? 'common.yes' : 'common.no'));
  const rows = [
    ['param.model', p.model ?? task.model],
    ['param.prompt', task.prompt],
    ['param.vidu_type', p.vidu_type],
    ['param.duration', (p.duration ?? task.duration) != null ? t('submit.seconds', { n: p.duration ?? task.duration }) : null],
    ['param.resolution', p.resolution ?? task.resolution],
    ['param.aspect_ratio', p.aspect_ratio ?? task.aspect_ratio],
    ['param.movement_amplitude', p.movement_amplitude],
    ['param.seed', p.seed == null ? null : p.seed === 0 ? t('param.seed.random', { seed: 0 }) : String(p.seed)],
    ['param.bgm', yesNo(p.bgm)],
    ['param.audio', yesNo(p.audio)],
    ['param.callback_url', p.callback_url ?? t('common.none')],
    ['param.subjects', p.subjects?.length ? h('ul', { class: 'subjects' }, p.subjects.map((s) => h('li', {},
      t('param.subject', { id: s.id, images: (s.images ?? []).join(', ') }),
      s.voice_id ? [' · ', t('param.subject.voice', { voice: s.voice_id })] : null))) : null],
  ];
  return h('table', { class: 'params-table' }, h('tbody', {}, rows.filter(([, value]) => value != null && value !== '')
    .map(([key, value]) => h('tr', { dataset: { param: key.slice('param.'.length) } }, h('th', {}, t(key)), h('td', {}, value)))));
}

/** Every status the task entered, oldest first, with when (and how long after the first) and why where known. */
function timeline(entries) {
  const first = entries[0]?.at;
  return h('ol', { class: 'timeline' }, entries.map((entry, i) => h('li', { dataset: { status: entry.status }, class: i === entries.length - 1 ? 'current' : null },
    badge(entry.status),
    h('time', { datetime: new Date(entry.at * 1000).toISOString() }, dateTime(entry.at)),
    i > 0 && first != null && h('span', { class: 'muted small' }, t('task.history.after', { time: duration(entry.at - first) })),
    entry.message && h('div', { class: entry.status === 'Failure' ? 'error small' : 'muted small' }, entry.message))));
}
