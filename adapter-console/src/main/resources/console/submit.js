// The submit view: reference images, prompt and the chosen model's parameters (options from the catalogue), a live
// dry run (POST /v1/tasks/validate) with each violation beside its field, the estimate beside what is left of the
// caller's monthly budget (GET /v1/account), then POST /v1/tasks/submit.

import { account, tasks } from './api.js';
import { catalogue } from './catalogue.js';
import { fill, h } from './dom.js';
import { bytes, duration, t } from './i18n.js';

const ACCEPTED = ['image/png', 'image/jpeg', 'image/webp'];
const CHECK_DELAY_MS = 400;

/** Kept while the page lives: going to the tasks and back keeps what was being prepared. */
const state = {
  model: null,
  mode: 'images', // or 'subjects': the provider's two shapes of input
  images: [], // {name, dataUri, thumb}
  subjects: [newSubject()], // {id, voiceId, images}
  audio: false,
  prompt: '',
  duration: null,
  resolution: null,
  aspectRatio: null,
  movementAmplitude: null,
  seed: '',
  bgm: false,
  check: null, // {pending} | {result} | {error}
  sending: false,
  sendError: null,
  sendRetry: null, // seconds the gateway asked to wait (a concurrency limit), if it said
  idempotencyKey: newKey(),
};

function newSubject() {
  return { id: '', voiceId: '', images: [] };
}

function allImages() {
  return state.mode === 'subjects' ? state.subjects.flatMap((s) => s.images) : state.images;
}

function newKey() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function renderSubmit(root, go) {
  fill(root, h('p', { class: 'muted' }, t('common.loading')));
  const [models, caller] = await Promise.all([catalogue(), readAccount()]);
  if (!models.find((m) => m.name === state.model)) chooseModel(models[0]);
  const view = new SubmitView(root, models, go);
  view.account = caller;
  view.render();
  return () => view.stop();
}

/** The caller's account, or null when it cannot be read (the form works without the budget line). */
async function readAccount() {
  try {
    return await account();
  } catch {
    return null;
  }
}

/** An amount of yuan as the page writes it: two decimals. */
function money(value) {
  return Number(value).toFixed(2);
}

function chooseModel(model) {
  state.model = model.name;
  state.duration = model.defaultDuration;
  state.resolution = option(model, state.duration)?.defaultResolution;
  state.aspectRatio = model.defaultAspectRatio;
  state.movementAmplitude = model.supportsMovementAmplitude ? model.defaultMovementAmplitude : null;
}

function option(model, seconds) {
  return model.durations.find((d) => d.seconds === seconds) ?? model.durations[0];
}

/** The request body, as a Modelverse client would send it. */
function request() {
  const parameters = {
    vidu_type: 'reference2video',
    duration: state.duration,
    aspect_ratio: state.aspectRatio,
    resolution: state.resolution,
    bgm: state.bgm,
  };
  if (state.movementAmplitude) parameters.movement_amplitude = state.movementAmplitude;
  if (state.mode === 'subjects' && state.audio) parameters.audio = true;
  const seed = state.seed.trim();
  // A seed that is not an integer is sent as typed, so the gateway says what is wrong with it beside the field.
  if (seed) parameters.seed = /^-?\d+$/.test(seed) ? Number(seed) : seed;
  const input = state.mode === 'subjects'
    ? { subjects: state.subjects.map((s) => ({ id: s.id, images: s.images.map((i) => i.dataUri), voice_id: s.voiceId })) }
    : { images: state.images.map((i) => i.dataUri) };
  input.prompt = state.prompt;
  return { model: state.model, input, parameters };
}

class SubmitView {
  constructor(root, models, go) {
    this.root = root;
    this.models = models;
    this.go = go;
    this.timer = null;
    this.inFlight = null;
    this.slots = new Map(); // violation field → element
  }

  stop() {
    clearTimeout(this.timer);
    this.inFlight?.abort();
    this.stopped = true;
  }

  get model() {
    return this.models.find((m) => m.name === state.model);
  }

  slot(field) {
    const element = h('div', { class: 'violations', dataset: { field } });
    this.slots.set(field, element);
    return element;
  }

  render() {
    this.slots.clear();
    this.references = h('div', { class: 'references' });
    this.options = h('div', { class: 'options' });
    this.checkBox = h('div', { class: 'check', id: 'check', 'aria-live': 'polite' });
    this.button = h('button', { type: 'submit', id: 'submit', class: 'primary' }, t('submit.button'));
    this.sendBox = h('div', { class: 'send-error', id: 'send-error', role: 'alert' });

    const form = h('form', { class: 'submit', onsubmit: (e) => { e.preventDefault(); this.send(); } },
      h('h1', {}, t('submit.title')),
      h('div', { class: 'field' },
        h('label', { for: 'model' }, t('submit.model')),
        h('select', { id: 'model', onchange: (e) => { chooseModel(this.models.find((m) => m.name === e.target.value)); this.renderOptions(); this.changed(); } },
          this.models.map((m) => h('option', { value: m.name, selected: m.name === state.model }, m.name))),
        this.slot('model')),
      this.references,
      h('div', { class: 'field' },
        h('label', { for: 'prompt' }, t('submit.prompt')),
        h('textarea', { id: 'prompt', rows: 3, placeholder: t('submit.prompt.placeholder'), value: state.prompt,
          oninput: (e) => { state.prompt = e.target.value; this.changed(); } }),
        this.slot('input.prompt')),
      this.options,
      this.checkBox,
      h('div', { class: 'actions' }, this.button, this.sendBox));
    fill(this.root, form);
    this.renderOptions();
    this.renderCheck();
    this.changed(true);
  }

  /** The parameters the chosen model offers, each with the catalogue's options. */
  renderOptions() {
    const model = this.model;
    const select = (id, field, values, current, defaultValue, label, onchange, show = (v) => v) =>
      h('div', { class: 'field' },
        h('label', { for: id }, t(label)),
        h('select', { id, onchange: (e) => onchange(e.target.value) },
          values.map((v) => h('option', { value: String(v), selected: v === current },
            v === defaultValue ? t('submit.default', { value: show(v) }) : show(v)))),
        this.slot(field));
    for (const field of ['parameters.duration', 'parameters.resolution', 'parameters.aspect_ratio',
      'parameters.movement_amplitude', 'parameters.seed', 'parameters.bgm']) this.slots.delete(field);
    const durationOption = option(model, state.duration);
    fill(this.options,
      select('duration', 'parameters.duration', model.durations.map((d) => d.seconds), state.duration, model.defaultDuration,
        'submit.duration', (v) => {
          state.duration = Number(v);
          const chosen = option(model, state.duration);
          if (!chosen.resolutions.includes(state.resolution)) state.resolution = chosen.defaultResolution;
          this.renderOptions();
          this.changed();
        }, (n) => t('submit.seconds', { n })),
      select('resolution', 'parameters.resolution', durationOption.resolutions, state.resolution,
        durationOption.defaultResolution, 'submit.resolution', (v) => { state.resolution = v; this.changed(); }),
      select('aspect_ratio', 'parameters.aspect_ratio', model.aspectRatios, state.aspectRatio, model.defaultAspectRatio,
        'submit.aspect_ratio', (v) => { state.aspectRatio = v; this.changed(); }),
      model.supportsMovementAmplitude && select('movement_amplitude', 'parameters.movement_amplitude',
        model.movementAmplitudes, state.movementAmplitude, model.defaultMovementAmplitude, 'submit.movement_amplitude',
        (v) => { state.movementAmplitude = v; this.changed(); }),
      h('div', { class: 'field' },
        h('label', { for: 'seed' }, t('submit.seed')),
        h('input', { id: 'seed', type: 'text', inputmode: 'numeric', placeholder: t('submit.seed.placeholder'), value: state.seed,
          oninput: (e) => { state.seed = e.target.value; this.changed(); } }),
        this.slot('parameters.seed')),
      h('div', { class: 'field checkbox' },
        h('label', {},
          h('input', { id: 'bgm', type: 'checkbox', checked: state.bgm, onchange: (e) => { state.bgm = e.target.checked; this.changed(); } }),
          ' ', t('submit.bgm')),
        this.slot('parameters.bgm')));
    this.renderReferences();
  }

  /** Images, or subjects with their images: the provider's two shapes of input.images / input.subjects. */
  renderReferences() {
    const model = this.model;
    for (const field of [...this.slots.keys()]) {
      if (field.startsWith('input.images') || field.startsWith('input.subjects') || field === 'parameters.audio') this.slots.delete(field);
    }
    const again = () => { this.renderReferences(); this.changed(); };
    const mode = (value, key) => h('label', { class: 'mode' },
      h('input', { type: 'radio', name: 'mode', id: `mode-${value}`, value, checked: state.mode === value,
        onchange: () => { state.mode = value; again(); } }), ' ', t(key));
    const modes = h('div', { class: 'modes', role: 'radiogroup' }, mode('images', 'submit.mode.images'), mode('subjects', 'submit.mode.subjects'));
    if (state.mode === 'images') {
      fill(this.references, h('div', { class: 'field' },
        h('span', { class: 'label' }, t('submit.images'), ' ',
          h('span', { class: 'muted' }, t('submit.images.count', { count: state.images.length, min: model.minImages, max: model.maxImages }))),
        modes,
        this.picker(state.images, 'images', 'input.images', again)));
      return;
    }
    fill(this.references, h('div', { class: 'field' },
      h('span', { class: 'label' }, t('submit.subjects')),
      modes,
      h('p', { class: 'muted small' }, t('submit.subjects.help')),
      state.subjects.map((subject, i) => h('fieldset', { class: 'subject', dataset: { subject: i } },
        h('legend', {}, t('submit.subject', { n: i + 1 })),
        h('div', { class: 'subject-row' },
          h('div', { class: 'field' },
            h('label', { for: `subject-${i}-id` }, t('submit.subject.id')),
            h('input', { type: 'text', id: `subject-${i}-id`, value: subject.id, placeholder: t('submit.subject.id.placeholder'),
              oninput: (e) => { subject.id = e.target.value; this.changed(); } }),
            this.slot(`input.subjects[${i}].id`)),
          h('div', { class: 'field' },
            h('label', { for: `subject-${i}-voice` }, t('submit.subject.voice')),
            h('input', { type: 'text', id: `subject-${i}-voice`, value: subject.voiceId, placeholder: t('submit.subject.voice.placeholder'),
              oninput: (e) => { subject.voiceId = e.target.value; this.changed(); } }),
            this.slot(`input.subjects[${i}].voice_id`)),
          h('button', { type: 'button', class: 'quiet', onclick: () => { state.subjects.splice(i, 1); again(); } }, t('submit.subject.remove'))),
        this.picker(subject.images, `subject-${i}-images`, `input.subjects[${i}].images`, again),
        this.slot(`input.subjects[${i}]`))),
      h('p', {}, h('button', { type: 'button', id: 'add-subject', onclick: () => { state.subjects.push(newSubject()); again(); } }, t('submit.subjects.add'))),
      this.slot('input.subjects')),
    h('div', { class: 'field checkbox' },
      h('label', {},
        h('input', { id: 'audio', type: 'checkbox', checked: state.audio, onchange: (e) => { state.audio = e.target.checked; this.changed(); } }),
        ' ', t('submit.audio')),
      this.slot('parameters.audio')));
  }

  /** A drop zone with a file picker, and the chosen images' thumbnails, each with its violations. */
  picker(list, id, field, changed) {
    const input = h('input', { type: 'file', id, multiple: true, accept: ACCEPTED.join(','), class: 'visually-hidden',
      onchange: (e) => this.addFiles(list, e.target.files, changed) });
    const drop = h('div', {
      class: 'drop', id: id === 'images' ? 'drop' : `${id}-drop`,
      ondragover: (e) => { e.preventDefault(); drop.classList.add('over'); },
      ondragleave: () => drop.classList.remove('over'),
      ondrop: (e) => { e.preventDefault(); drop.classList.remove('over'); this.addFiles(list, e.dataTransfer.files, changed); },
    }, t('submit.images.hint'), ' ', h('label', { for: id, class: 'link' }, t('submit.images.pick')), input);
    const thumbs = h('div', { class: 'thumbs' }, list.map((image, i) => h('figure', { class: 'thumb' },
      image.thumb ? h('img', { src: image.thumb, alt: image.name }) : h('div', { class: 'no-thumb' }, '?'),
      h('figcaption', {}, image.name),
      h('button', { type: 'button', class: 'remove', title: t('submit.images.remove'), 'aria-label': t('submit.images.remove'),
        onclick: () => { list.splice(i, 1); changed(); } }, '×'),
      this.slot(`${field}[${i}]`))));
    return [drop, thumbs, this.slot(field)];
  }

  async addFiles(list, files, changed) {
    const read = await Promise.all(Array.from(files).map(async (file) => {
      const dataUri = await new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result);
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(file);
      });
      return { name: file.name, dataUri, thumb: await thumbnail(dataUri) };
    }));
    list.push(...read);
    if (!this.stopped) changed();
  }

  /** Any change: a new dry run after a short pause (the last one wins), and a new idempotency key. */
  changed(now = false) {
    state.idempotencyKey = newKey();
    state.sendError = null;
    state.sendRetry = null;
    clearTimeout(this.timer);
    this.inFlight?.abort();
    state.check = { pending: true };
    this.renderCheck();
    this.timer = setTimeout(() => this.check(), now ? 0 : CHECK_DELAY_MS);
  }

  async check() {
    const controller = new AbortController();
    this.inFlight = controller;
    try {
      const result = await tasks.validate(request(), controller.signal);
      if (controller.signal.aborted || this.stopped) return;
      state.check = { result };
    } catch (error) {
      if (controller.signal.aborted || this.stopped) return;
      state.check = { error };
    }
    this.renderCheck();
  }

  renderCheck() {
    for (const slot of this.slots.values()) {
      slot.replaceChildren();
      slot.closest('.thumb, fieldset.subject, .field')?.classList.remove('invalid');
    }
    const check = state.check ?? { pending: true };
    const ready = allImages().length > 0 && state.prompt.trim() !== '';
    this.button.disabled = state.sending || !check.result?.valid;
    this.button.textContent = state.sending ? t('submit.sending') : t('submit.button');
    fill(this.sendBox, state.sendError ? t('submit.failed', { message: state.sendError }) : '',
      state.sendError && state.sendRetry != null ? [' ', t('submit.retry', { time: duration(state.sendRetry) })] : '');
    if (check.pending) {
      fill(this.checkBox, h('p', { class: 'muted' }, t('submit.check.waiting')));
      return;
    }
    if (check.error) {
      fill(this.checkBox, h('p', { class: 'error' }, t('common.error', { message: check.error.message })));
      return;
    }
    const result = check.result;
    if (!result.valid) {
      const other = [];
      for (const violation of result.violations ?? []) {
        const slot = this.slots.get(violation.field);
        if (slot) {
          slot.append(h('p', { class: 'violation' }, violation.message));
          slot.closest('.thumb, fieldset.subject, .field')?.classList.add('invalid');
        } else {
          other.push(violation);
        }
      }
      fill(this.checkBox,
        h('p', { class: 'error' }, ready ? t('submit.check.invalid', { count: result.violations.length }) : t('submit.empty')),
        other.length > 0 && h('div', {},
          h('p', {}, t('submit.check.other')),
          h('ul', { class: 'violations' }, other.map((v) => h('li', { class: 'violation' }, h('code', {}, v.field), ' ', v.message)))));
      return;
    }
    // What the gateway read from each image, under its thumbnail.
    for (const image of result.images ?? []) {
      if (image.kind === 'inline') {
        this.slots.get(image.field)?.append(h('p', { class: 'info' },
          `${image.format} ${image.width}×${image.height} · ${bytes(image.bytes)}`));
      }
    }
    const estimate = result.estimate ?? {};
    fill(this.checkBox,
      h('p', { class: 'ok' }, t('submit.check.valid')),
      h('dl', { class: 'estimate', id: 'estimate' },
        h('dt', {}, t('submit.cost')),
        h('dd', { id: 'estimate-cost' }, estimate.cost_cny == null ? t('submit.cost.unknown') : t('submit.cost.value', { value: estimate.cost_cny })),
        h('dt', {}, t('submit.time')),
        h('dd', { id: 'estimate-time' }, estimate.typical_generation_seconds == null ? t('common.none') : duration(Number(estimate.typical_generation_seconds))),
        estimate.basis && h('dt', {}, t('submit.basis')),
        estimate.basis && h('dd', { class: 'muted' }, estimate.basis),
        this.budget()),
      this.overBudget(estimate.cost_cny));
  }

  /** What is left of the caller's monthly budget, beside the estimate; nothing when the caller has no budget. */
  budget() {
    const remaining = this.account?.remaining_budget_cny;
    const limit = this.account?.limits?.monthly_budget_cny;
    if (remaining == null || limit == null) return null;
    return [h('dt', {}, t('submit.budget')),
      h('dd', { id: 'budget-left' }, t('submit.budget.value', { remaining: money(Math.max(0, remaining)), budget: money(limit) }))];
  }

  /** A warning when the estimate is more than what is left of the budget: the gateway will refuse the task. */
  overBudget(cost) {
    const remaining = this.account?.remaining_budget_cny;
    if (remaining == null || cost == null || !(Number(cost) > Number(remaining))) return null;
    return h('p', { class: 'warn', id: 'budget-warning' },
      t('submit.budget.over', { estimate: money(cost), remaining: money(Math.max(0, remaining)) }));
  }

  async send() {
    if (state.sending || !state.check?.result?.valid) return;
    state.sending = true;
    this.renderCheck();
    try {
      const answer = await tasks.submit(request(), state.idempotencyKey);
      const id = answer.output.task_id;
      remember(id, allImages().map((i) => i.thumb));
      state.images = [];
      state.subjects = [newSubject()];
      state.prompt = '';
      state.sending = false;
      state.idempotencyKey = newKey();
      this.go(`#/tasks/${id}`);
    } catch (error) {
      state.sending = false;
      // The gateway's message, in the console's language (a limit's refusal says which and how much is left).
      state.sendError = error.message;
      if (error.body?.violations) state.check = { result: { valid: false, violations: error.body.violations } };
      if (error.status === 429) {
        // Refused for a limit: nothing was made, so a later try is a new request; the budget line is read again.
        state.idempotencyKey = newKey();
        state.sendRetry = error.retryAfter;
        const caller = await readAccount();
        if (caller) this.account = caller;
      }
      if (!this.stopped) this.renderCheck();
    }
  }
}

/** A small JPEG of an image, for the page (and the task page later): the API does not return a task's images. */
function thumbnail(dataUri) {
  return new Promise((resolve) => {
    const image = new Image();
    image.onload = () => {
      const scale = Math.min(1, 160 / Math.max(image.width, image.height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(image.width * scale));
      canvas.height = Math.max(1, Math.round(image.height * scale));
      canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
      resolve(canvas.toDataURL('image/jpeg', 0.8));
    };
    // Not an image the browser can show (the gateway will say why): no thumbnail, the name still shows.
    image.onerror = () => resolve('');
    image.src = dataUri;
  });
}

function remember(id, thumbs) {
  try {
    sessionStorage.setItem(`vidu.thumbs.${id}`, JSON.stringify(thumbs));
  } catch {
    // storage full: the task page shows the image count only
  }
}

export function rememberedThumbs(id) {
  try {
    return JSON.parse(sessionStorage.getItem(`vidu.thumbs.${id}`) ?? 'null');
  } catch {
    return null;
  }
}
