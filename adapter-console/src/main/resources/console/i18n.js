// Every string the console shows, in English and Simplified Chinese: the message catalogue's `console` part, which
// the gateway serves as /console/messages.json ({"en":{key: text},"zh":{…}}); load it once, before the first render.
// Messages from the server (violations, errors) come in the console's language too: api.js sends Accept-Language.

let MESSAGES = { en: {} };

/** Reads the catalogue from the gateway; the page renders nothing before it has its words. */
export async function loadMessages() {
  const response = await fetch('/console/messages.json', { headers: { Accept: 'application/json' }, cache: 'no-cache' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const loaded = await response.json();
  if (!loaded?.en) throw new Error('no English texts');
  MESSAGES = loaded;
}

export const LANGUAGES = { en: 'English', zh: '简体中文' };
const CHOSEN = 'vidu.lang';

/** The chosen language, else the browser's (zh for any Chinese locale), else English. */
export function initialLanguage() {
  const chosen = localStorage.getItem(CHOSEN);
  if (chosen && MESSAGES[chosen]) return chosen;
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language || 'en'];
  for (const tag of preferred) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (MESSAGES[base]) return base;
  }
  return 'en';
}

let current = 'en';

export function setLanguage(lang, remember) {
  current = MESSAGES[lang] ? lang : 'en';
  if (remember) localStorage.setItem(CHOSEN, current);
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
}

export function language() {
  return current;
}

/** The string for key in the current language, {name} placeholders filled from params. */
export function t(key, params = {}) {
  const text = MESSAGES[current][key] ?? MESSAGES.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** A duration in seconds, read the way people say it. */
export function duration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('time.s', { s });
  if (s < 3600) return t('time.ms', { m: Math.floor(s / 60), s: s % 60 });
  return t('time.h', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
}

export function dateTime(unixSeconds) {
  if (unixSeconds == null) return t('common.none');
  return new Date(unixSeconds * 1000).toLocaleString(current === 'zh' ? 'zh-CN' : 'en-GB');
}

/** A size in bytes, in binary units. */
export function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
