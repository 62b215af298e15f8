// The public REST API, as curl uses it. The client key (when the gateway has keys) lives in sessionStorage only.

import { language } from './i18n.js';

const KEY = 'vidu.key';

export function apiKey() {
  return sessionStorage.getItem(KEY);
}

export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
}

/** An answer that was not 2xx, with the provider's error body when there is one. */
export class ApiError extends Error {
  constructor(status, body, retryAfter = null) {
    super(body?.error?.message || `HTTP ${status}`);
    this.status = status;
    this.body = body;
    /** The error's code (insufficient_quota, concurrency_limit, …), when the body has one. */
    this.code = body?.error?.code ?? null;
    /** Seconds to wait before trying again (a Retry-After in seconds), when the gateway says. */
    this.retryAfter = retryAfter;
  }
}

let unauthorized = () => {};

/** Called on every 401: the page asks for a key. */
export function onUnauthorized(handler) {
  unauthorized = handler;
}

/** Every call asks for the console's language, so that the gateway's errors and violations come in it. */
function headers(extra = {}) {
  const all = { Accept: 'application/json', 'Accept-Language': language(), ...extra };
  const key = apiKey();
  if (key) all.Authorization = `Bearer ${key}`;
  return all;
}

/**
 * A Server-Sent Events stream of the gateway's (GET with the key in the Authorization header, which EventSource cannot
 * send): calls onEvent({ id, event, data }) for each event, reconnects after a second with the last event's id when
 * the connection ends, and onState(true|false) when it is (not) connected. Returns a function that closes it.
 */
export function events(path, onEvent, onState = () => {}) {
  let closed = false;
  let lastId = null;
  let controller = null;
  async function connect() {
    controller = new AbortController();
    try {
      const extra = { Accept: 'text/event-stream' };
      if (lastId != null) extra['Last-Event-ID'] = lastId;
      const response = await fetch(path, { headers: headers(extra), signal: controller.signal, cache: 'no-store' });
      if (response.status === 401) unauthorized();
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      onState(true);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value.replace(/\r\n?/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = { id: null, event: 'message', data: '' };
          const data = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'id') event.id = text;
            else if (field === 'event') event.event = text;
            else if (field === 'data') data.push(text);
          }
          if (data.length === 0) continue;
          if (event.id != null) lastId = event.id;
          try {
            event.data = JSON.parse(data.join('\n'));
          } catch {
            event.data = data.join('\n');
          }
          onEvent(event);
        }
      }
    } catch {
      // ended or refused: tried again below
    }
    onState(false);
    if (!closed) setTimeout(connect, 1000);
  }
  connect();
  return () => {
    closed = true;
    controller?.abort();
  };
}

/** JSON in, JSON out; throws ApiError for any answer but 2xx. */
export async function call(path, { method = 'GET', body, signal, extraHeaders } = {}) {
  const init = { method, headers: headers(extraHeaders), signal, cache: 'no-store' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  let json = null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      json = await response.json();
    } catch {
      json = null;
    }
  }
  if (response.status === 401) unauthorized();
  if (!response.ok) {
    const retry = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    throw new ApiError(response.status, json, Number.isFinite(retry) && retry >= 0 ? retry : null);
  }
  return json;
}

export const tasks = {
  list: ({ status, limit = 20, cursor } = {}, signal) => {
    const query = new URLSearchParams({ limit: String(limit) });
    if (status) query.set('status', status);
    if (cursor) query.set('cursor', cursor);
    return call(`/v1/tasks?${query}`, { signal });
  },
  status: (id, signal) => call(`/v1/tasks/status?task_id=${encodeURIComponent(id)}`, { signal }),
  /** GET /v1/tasks/{id}: the list's summary with the task's parameters, history and reference images. */
  details: (id) => call(`/v1/tasks/${encodeURIComponent(id)}`),
  validate: (request, signal) => call('/v1/tasks/validate', { method: 'POST', body: request, signal }),
  submit: (request, idempotencyKey) =>
    call('/v1/tasks/submit', { method: 'POST', body: request, extraHeaders: { 'Idempotency-Key': idempotencyKey } }),
  /** POST /v1/tasks/{id}/cancel: the task as the list shows it, and what the cancel means for its cost (message). */
  cancel: (id) => call(`/v1/tasks/${encodeURIComponent(id)}/cancel`, { method: 'POST' }),
  videoPath: (id) => `/v1/tasks/${encodeURIComponent(id)}/video`,
};

/** GET /v1/account: the caller's limits, what it used this month and what is left of its budget (null: no budget). */
export const account = (signal) => call('/v1/account', { signal });

/** GET /v1/usage: the caller's tasks and money over UTC days from…to (inclusive), grouped by day or model. */
export const usage = ({ from, to, groupBy = 'day' } = {}, signal) => {
  const query = new URLSearchParams({ group_by: groupBy });
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  return call(`/v1/usage?${query}`, { signal });
};

/**
 * A URL the page can give a <video> and a download link: the gateway's own path when no key is needed (the browser
 * streams it with Range requests), else the video fetched with the key into a blob (revoke it when done).
 */
export async function videoSource(id) {
  const path = tasks.videoPath(id);
  if (!apiKey()) return { url: path, revoke() {} };
  return blobSource(path, 'video/mp4');
}

/**
 * A reference image the gateway keeps, as a blob URL: an <img> cannot send the Authorization header, and the CSP's
 * img-src allows blob:.
 */
export function imageSource(id, n) {
  return blobSource(`/v1/tasks/${encodeURIComponent(id)}/images/${n}`, 'image/*');
}

/**
 * The poster of a task's stored video (a JPEG of its first frame, made by the gateway on the first request), as a blob
 * URL: fetched with the key, as the reference images are.
 */
export function posterSource(id) {
  return blobSource(`/v1/tasks/${encodeURIComponent(id)}/poster`, 'image/jpeg');
}

/** A file fetched with the key into a blob URL (revoke it when done); ApiError with the gateway's message otherwise. */
async function blobSource(path, accept) {
  const response = await fetch(path, { headers: headers({ Accept: accept }) });
  if (response.status === 401) unauthorized();
  if (!response.ok) {
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    throw new ApiError(response.status, body);
  }
  const url = URL.createObjectURL(await response.blob());
  return { url, revoke: () => URL.revokeObjectURL(url) };
}
