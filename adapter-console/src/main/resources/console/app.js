// The console's frame: navigation, language, the client key, and the routes (#/, #/tasks, #/tasks/<id>, #/usage).

import { apiKey, onUnauthorized, setApiKey } from './api.js';
import { fill, h } from './dom.js';
import { initialLanguage, language, LANGUAGES, loadMessages, setLanguage, t } from './i18n.js';
import { renderSubmit } from './submit.js';
import { renderTask, renderTasks } from './tasks.js';
import { renderUsage } from './usage.js';

const view = document.getElementById('view');
const nav = document.getElementById('nav');
const dialog = document.getElementById('key-dialog');
let stopView = () => {};
let rendering = 0;

function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function drawFrame() {
  document.title = t('app.title');
  const current = location.hash || '#/';
  const link = (href, key, active) => h('a', { href, class: active ? 'active' : null }, t(key));
  fill(nav,
    h('a', { href: '#/', class: 'brand' }, t('app.title')),
    link('#/', 'nav.submit', current === '#/'),
    link('#/tasks', 'nav.tasks', current.startsWith('#/tasks')),
    link('#/usage', 'nav.usage', current.startsWith('#/usage')),
    h('a', { href: '/docs', target: '_blank', rel: 'noopener' }, t('nav.api')),
    h('span', { class: 'spacer' }),
    h('label', { class: 'lang' }, h('span', { class: 'visually-hidden' }, t('lang.label')),
      h('select', { id: 'lang', 'aria-label': t('lang.label'), onchange: (e) => { setLanguage(e.target.value, true); route(); } },
        Object.entries(LANGUAGES).map(([code, name]) => h('option', { value: code, selected: code === language() }, name)))),
    apiKey()
      ? h('button', { type: 'button', class: 'quiet', onclick: () => { setApiKey(null); route(); } }, t('key.forget'))
      : null);
}

async function route() {
  const mine = ++rendering;
  stopView();
  stopView = () => {};
  drawFrame();
  const hash = location.hash || '#/';
  const task = hash.match(/^#\/tasks\/([^/?#]+)$/);
  try {
    let stop;
    if (task) stop = await renderTask(view, decodeURIComponent(task[1]));
    else if (hash.startsWith('#/tasks')) stop = await renderTasks(view);
    else if (hash.startsWith('#/usage')) stop = await renderUsage(view);
    else stop = await renderSubmit(view, go);
    if (mine !== rendering) stop?.();
    else stopView = stop ?? (() => {});
  } catch (error) {
    if (mine !== rendering) return;
    if (error.status === 401) return; // the key dialog is open; the view is drawn again once a key is given
    const message = error instanceof TypeError ? t('common.network', { message: error.message }) : t('common.error', { message: error.message });
    fill(view, h('p', { class: 'error' }, message));
  }
}

// ---- the client key ---------------------------------------------------------------------------------------------

function askForKey() {
  if (dialog.open) return;
  const hadKey = apiKey() != null;
  setApiKey(null);
  const input = h('input', { type: 'password', id: 'key', autocomplete: 'off', required: true, placeholder: t('key.placeholder') });
  fill(dialog, h('form', { method: 'dialog', onsubmit: (e) => {
    e.preventDefault();
    const key = input.value.trim();
    if (!key) return;
    setApiKey(key);
    dialog.close();
    route();
  } },
  h('h2', {}, t('key.title')),
  hadKey && h('p', { class: 'error' }, t('key.refused')),
  h('p', { class: 'muted' }, t('key.help')),
  input,
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'key-save' }, t('key.save')))));
  dialog.showModal();
  input.focus();
}

onUnauthorized(askForKey);
try {
  await loadMessages();
  setLanguage(initialLanguage(), false);
  window.addEventListener('hashchange', route);
  route();
} catch (error) {
  // Without its texts the page cannot speak either language: say so plainly, in both.
  fill(view, h('p', { class: 'error' }, `The console's texts could not be loaded (${error.message}). 无法加载控制台文字。`));
}
