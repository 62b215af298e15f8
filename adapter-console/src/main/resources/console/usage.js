// The usage view (GET /v1/usage): what the caller's tasks cost over a range of UTC days (this month by default), as a
// table by day or by model with a total, and a chart of the spend per day drawn here as inline SVG (no library).

import { usage } from './api.js';
import { fill, h } from './dom.js';
import { t } from './i18n.js';

/** The lifecycle's statuses, in its order: the table's status columns follow it. */
const STATUSES = ['Accepted', 'Submitting', 'OutcomeUnknown', 'Pending', 'Running', 'Success', 'Failure', 'Cancelled'];
const REFRESH_EVERY_MS = 15_000;
/** Longer ranges are shown in the table only: a bar per day would be thinner than a pixel. */
const CHART_MAX_DAYS = 400;
const DAY_MS = 86_400_000;

/** What the view shows: kept while the page lives, so coming back shows the same range and grouping. */
const usageState = { from: null, to: null, groupBy: 'day' };

/** Today as the gateway counts days: in UTC, YYYY-MM-DD. */
function today() {
  return new Date().toISOString().slice(0, 10);
}

function firstOfMonth() {
  return `${today().slice(0, 8)}01`;
}

function isDate(text) {
  return /^\d{4}-\d{2}-\d{2}$/.test(text ?? '') && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}

/** Every day from `from` to `to` (inclusive), YYYY-MM-DD. */
export function daysBetween(from, to) {
  const days = [];
  const last = Date.parse(`${to}T00:00:00Z`);
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= last && days.length <= CHART_MAX_DAYS; at += DAY_MS) {
    days.push(new Date(at).toISOString().slice(0, 10));
  }
  return days;
}

/** An amount of yuan as the page writes it: two decimals. */
function money(value) {
  return Number(value ?? 0).toFixed(2);
}

function count(tasks) {
  return Object.values(tasks ?? {}).reduce((sum, n) => sum + Number(n), 0);
}

export async function renderUsage(root) {
  let stopped = false;
  let timer = null;
  let asked = 0;
  if (!usageState.from) {
    usageState.from = firstOfMonth();
    usageState.to = today();
  }
  const date = (id, key, field) => h('label', { class: 'inline' }, t(key), ' ',
    h('input', { type: 'date', id, value: usageState[field], max: '9999-12-31',
      onchange: (e) => { usageState[field] = e.target.value; refresh(); } }));
  const group = h('select', { id: 'usage-group', onchange: (e) => { usageState.groupBy = e.target.value; refresh(); } },
    h('option', { value: 'day', selected: usageState.groupBy === 'day' }, t('usage.group.day')),
    h('option', { value: 'model', selected: usageState.groupBy === 'model' }, t('usage.group.model')));
  const thisMonth = h('button', { type: 'button', class: 'quiet', id: 'usage-month', onclick: () => {
    usageState.from = firstOfMonth();
    usageState.to = today();
    root.querySelector('#usage-from').value = usageState.from;
    root.querySelector('#usage-to').value = usageState.to;
    refresh();
  } }, t('usage.month'));
  const body = h('div', { id: 'usage-body', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('common.loading')));
  fill(root, h('section', { class: 'usage' },
    h('div', { class: 'toolbar' },
      h('h1', {}, t('usage.title')),
      date('usage-from', 'usage.from', 'from'),
      date('usage-to', 'usage.to', 'to'),
      h('label', { class: 'inline' }, t('usage.group'), ' ', group),
      thisMonth),
    body));

  async function refresh() {
    clearTimeout(timer);
    const mine = ++asked;
    const { from, to, groupBy } = usageState;
    if (!isDate(from) || !isDate(to)) {
      fill(body, h('p', { class: 'error', id: 'usage-error' }, t('usage.range.missing')));
      return;
    }
    if (from > to) {
      fill(body, h('p', { class: 'error', id: 'usage-error' }, t('usage.range.invalid')));
      return;
    }
    try {
      // The chart is per day whatever the table is grouped by.
      const [table, days] = await Promise.all([
        usage({ from, to, groupBy }),
        groupBy === 'day' ? null : usage({ from, to, groupBy: 'day' }),
      ]);
      if (stopped || mine !== asked) return;
      draw(table, days ?? table);
    } catch (error) {
      if (stopped || mine !== asked) return;
      fill(body, h('p', { class: 'error', id: 'usage-error' }, t('usage.failed', { message: error.message })));
    }
    // While the range includes today, what is reserved becomes settled as tasks end: read it again now and then.
    if (!stopped && mine === asked && usageState.to >= today()) timer = setTimeout(refresh, REFRESH_EVERY_MS);
  }

  function draw(table, days) {
    const lines = table.data ?? [];
    const from = table.from ?? usageState.from;
    const to = table.to ?? usageState.to;
    if (lines.length === 0 || count(table.total?.tasks) === 0 && lines.every((line) => count(line.tasks) === 0)) {
      fill(body, h('p', { class: 'muted empty', id: 'usage-empty' }, t('usage.empty', { from, to })));
      return;
    }
    fill(body,
      h('h2', {}, t('usage.chart.title')),
      chart(days.data ?? [], from, to),
      h('h2', {}, t('usage.table.title')),
      usageTable(table),
      h('p', { class: 'muted small' }, t('usage.note')));
  }

  refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

// ---- the table --------------------------------------------------------------------------------------------------

function usageTable(answer) {
  const lines = [...(answer.data ?? [])].sort((a, b) => String(a.group).localeCompare(String(b.group)));
  const byModel = answer.group_by === 'model';
  const seen = new Set(lines.flatMap((line) => Object.keys(line.tasks ?? {})));
  // Statuses the gateway may add later still get a column, after the known ones.
  const statuses = [...STATUSES.filter((s) => seen.has(s)), ...[...seen].filter((s) => !STATUSES.includes(s))];
  const total = answer.total ?? {};
  const cells = (line) => [
    statuses.map((s) => h('td', { class: 'num', dataset: { status: s } }, String(line.tasks?.[s] ?? 0))),
    h('td', { class: 'num', dataset: { col: 'tasks' } }, String(count(line.tasks))),
    h('td', { class: 'num', dataset: { col: 'seconds' } }, String(line.video_seconds ?? 0)),
    h('td', { class: 'num', dataset: { col: 'reserved' } }, money(line.reserved_cny)),
    h('td', { class: 'num', dataset: { col: 'settled' } }, money(line.settled_cny)),
  ];
  const statusName = (s) => (STATUSES.includes(s) ? t(`status.${s}`) : s);
  return h('div', { class: 'table-scroll' }, h('table', { class: 'tasks usage-table', id: 'usage-table' },
    h('thead', {}, h('tr', {},
      h('th', {}, byModel ? t('usage.col.model') : t('usage.col.day')),
      statuses.map((s) => h('th', { class: 'num' }, statusName(s))),
      h('th', { class: 'num' }, t('usage.col.tasks')),
      h('th', { class: 'num' }, t('usage.col.seconds')),
      h('th', { class: 'num' }, t('usage.col.reserved')),
      h('th', { class: 'num' }, t('usage.col.settled')))),
    h('tbody', {}, lines.map((line) => h('tr', { dataset: { group: line.group } }, h('td', {}, line.group), cells(line)))),
    h('tfoot', {}, h('tr', { id: 'usage-total' }, h('th', {}, t('usage.total')), cells(total)))));
}

// ---- the chart --------------------------------------------------------------------------------------------------

const SVG = 'http://www.w3.org/2000/svg';

/** s('rect', {x: 1}, child…): an SVG element (h() makes HTML ones). */
function s(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value != null && value !== false) element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** A round step for about `parts` gridlines up to `max`: 1, 2, 2.5 or 5 times a power of ten. */
export function niceStep(max, parts = 4) {
  if (!(max > 0)) return 1;
  const rough = max / parts;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough);
  return step;
}

/** A tick's amount, without needless zeros (0.5, 2, 2.5). */
function tick(value) {
  return String(Number(value.toFixed(2)));
}

/** Bars of settled (below) and reserved (above) yuan per day, each day of the range a slot, empty days left empty. */
function chart(lines, from, to) {
  const days = daysBetween(from, to);
  if (days.length > CHART_MAX_DAYS) {
    return h('p', { class: 'muted', id: 'usage-chart' }, t('usage.chart.long', { max: CHART_MAX_DAYS }));
  }
  const byDay = new Map(lines.map((line) => [String(line.group), line]));
  const values = days.map((day) => {
    const line = byDay.get(day);
    return { day, settled: Number(line?.settled_cny ?? 0), reserved: Number(line?.reserved_cny ?? 0) };
  });
  const highest = Math.max(0, ...values.map((v) => v.settled + v.reserved));
  const step = niceStep(highest);
  const top = highest > 0 ? Math.ceil(highest / step - 1e-9) * step : step * 4;

  const width = 960;
  const height = 260;
  const left = 52;
  const right = 10;
  const upper = 26;
  const lower = 44;
  const plotWidth = width - left - right;
  const plotHeight = height - upper - lower;
  const slot = plotWidth / days.length;
  const barWidth = Math.max(1, slot * 0.7);
  const y = (amount) => upper + plotHeight - (amount / top) * plotHeight;
  const oneMonth = days[0].slice(0, 7) === days.at(-1).slice(0, 7);
  // About 16 labels at most along the bottom, always the first day.
  const every = Math.max(1, Math.ceil(days.length / 16));
  const unit = t('usage.chart.unit');

  const grid = [];
  for (let amount = 0; amount <= top + 1e-9; amount += step) {
    grid.push(s('line', { class: amount === 0 ? 'axis' : 'grid', x1: left, x2: width - right, y1: y(amount), y2: y(amount) }),
      s('text', { class: 'tick', x: left - 6, y: y(amount) + 4, 'text-anchor': 'end' }, tick(amount)));
  }
  const bars = values.map((v, i) => {
    const x = left + i * slot + (slot - barWidth) / 2;
    const parts = [];
    const label = s('title', {}, t('usage.chart.bar', { day: v.day, settled: money(v.settled), reserved: money(v.reserved) }));
    // A day with a cost smaller than a pixel still shows a sliver.
    const tall = (amount) => (amount > 0 ? Math.max(1.5, (amount / top) * plotHeight) : 0);
    const settledHeight = tall(v.settled);
    const reservedHeight = tall(v.reserved);
    if (settledHeight > 0) {
      parts.push(s('rect', { class: 'bar bar-settled', x, width: barWidth, y: upper + plotHeight - settledHeight, height: settledHeight,
        'data-day': v.day, 'data-cny': money(v.settled) }));
    }
    if (reservedHeight > 0) {
      parts.push(s('rect', { class: 'bar bar-reserved', x, width: barWidth, y: upper + plotHeight - settledHeight - reservedHeight,
        height: reservedHeight, 'data-day': v.day, 'data-cny': money(v.reserved) }));
    }
    const labelled = i % every === 0;
    return s('g', { class: 'day', 'data-day': v.day }, label, parts,
      labelled && s('text', { class: 'tick', x: left + i * slot + slot / 2, y: upper + plotHeight + 16, 'text-anchor': 'middle' },
        oneMonth ? String(Number(v.day.slice(8))) : v.day.slice(5)));
  });
  const settled = values.reduce((sum, v) => sum + v.settled, 0);
  const reserved = values.reduce((sum, v) => sum + v.reserved, 0);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', preserveAspectRatio: 'xMinYMid meet',
    'aria-label': t('usage.chart.label', { from, to, settled: money(settled), reserved: money(reserved) }) },
  s('title', {}, t('usage.chart.label', { from, to, settled: money(settled), reserved: money(reserved) })),
  grid,
  bars,
  // The unit above the amounts, level (a rotated word reads badly in Chinese).
  s('text', { class: 'axis-title', x: left - 6, y: 12, 'text-anchor': 'end' }, unit),
  s('text', { class: 'axis-title', x: left + plotWidth / 2, y: height - 6, 'text-anchor': 'middle' },
    oneMonth ? t('usage.chart.days.month', { month: days[0].slice(0, 7) }) : t('usage.chart.days')));
  return h('figure', { class: 'chart-box', id: 'usage-chart' }, svg,
    h('figcaption', { class: 'legend' },
      h('span', { class: 'swatch swatch-settled' }), ' ', t('usage.legend.settled'), ' ',
      h('span', { class: 'swatch swatch-reserved' }), ' ', t('usage.legend.reserved')));
}
