// The submit view: reference images, prompt and the chosen model's parameters (options from the catalogue), a live
// dry run (POST /v1/tasks/validate) with each violation beside its field, the estimate, then POST /v1/tasks/submit.

import { tasks } from './api.js';
import { catalogue } from './catalogue.js';
import { fill, h } from './dom.js';
import { bytes, duration, t } from './i18n.js';

const ACCEPTED = ['image/png', 'image/jpeg', 'image/webp'];
const CHECK_DELAY_MS = 400;

/** Kept while the page lives: going to the tasks and back keeps what was being prepared. */
const state = {
  model: null,
  images: [], // {name, dataUri, thumb}
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
  idempotencyKey: newKey(),
};

function newKey() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function renderSubmit(root, go) {
  fill(root, h('p', { class: 'muted' }, t('common.loading')));
  const models = await catalogue();
  if (!models.find((m) => m.name === state.model)) chooseModel(models[0]);
  const view = new SubmitView(root, models, go);
  view.render();
  return () => view.stop();
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
  const seed = state.seed.trim();
  // A seed that is not an integer is sent as typed, so the gateway says what is wrong with it beside the field.
  if (seed) parameters.seed = /^-?\d+$/.test(seed) ? Number(seed) : seed;
  return { model: state.model, input: { images: state.images.map((i) => i.dataUri), prompt: state.prompt }, parameters };
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
    this.fileInput = h('input', {
      type: 'file', id: 'images', multiple: true, accept: ACCEPTED.join(','), class: 'visually-hidden',
      onchange: (e) => this.addFiles(e.target.files),
    });
    this.thumbs = h('div', { class: 'thumbs' });
    this.imageCount = h('span', { class: 'muted' });
    const drop = h('div', {
      class: 'drop', id: 'drop',
      ondragover: (e) => { e.preventDefault(); drop.classList.add('over'); },
      ondragleave: () => drop.classList.remove('over'),
      ondrop: (e) => { e.preventDefault(); drop.classList.remove('over'); this.addFiles(e.dataTransfer.files); },
    }, t('submit.images.hint'), ' ', h('label', { for: 'images', class: 'link' }, t('submit.images.pick')), this.fileInput);

    this.options = h('div', { class: 'options' });
    this.checkBox = h('div', { class: 'check', id: 'check', 'aria-live': 'polite' });
    this.button = h('button', { type: 'submit', id: 'submit', class: 'primary' }, t('submit.button'));
    this.sendBox = h('div', { class: 'send-error', role: 'alert' });

    const form = h('form', { class: 'submit', onsubmit: (e) => { e.preventDefault(); this.send(); } },
      h('h1', {}, t('submit.title')),
      h('div', { class: 'field' },
        h('label', { for: 'model' }, t('submit.model')),
        h('select', { id: 'model', onchange: (e) => { chooseModel(this.models.find((m) => m.name === e.target.value)); this.renderOptions(); this.changed(); } },
          this.models.map((m) => h('option', { value: m.name, selected: m.name === state.model }, m.name))),
        this.slot('model')),
      h('div', { class: 'field' },
        h('span', { class: 'label' }, t('submit.images'), ' ', this.imageCount),
        drop, this.thumbs, this.slot('input.images')),
      h('div', { class: 'field' },
        h('label', { for: 'prompt' }, t('submit.prompt')),
        h('textarea', { id: 'prompt', rows: 3, placeholder: t('submit.prompt.placeholder'), value: state.prompt,
          oninput: (e) => { state.prompt = e.target.value; this.changed(); } }),
        this.slot('input.prompt')),
      this.options,
      this.checkBox,
      h('div', { class: 'actions' }, this.button, this.sendBox));
    fill(this.root, form);
    this.renderImages();
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
    this.renderImages();
  }

  renderImages() {
    const model = this.model;
    this.imageCount.textContent = t('submit.images.count', { count: state.images.length, min: model.minImages, max: model.maxImages });
    for (const field of [...this.slots.keys()]) if (field.startsWith('input.images[')) this.slots.delete(field);
    fill(this.thumbs, state.images.map((image, i) => h('figure', { class: 'thumb' },
      image.thumb ? h('img', { src: image.thumb, alt: image.name }) : h('div', { class: 'no-thumb' }, '?'),
      h('figcaption', {}, image.name),
      h('button', { type: 'button', class: 'remove', title: t('submit.images.remove'), 'aria-label': t('submit.images.remove'),
        onclick: () => { state.images.splice(i, 1); this.renderImages(); this.changed(); } }, '×'),
      this.slot(`input.images[${i}]`))));
  }

  async addFiles(files) {
    const read = await Promise.all(Array.from(files).map(async (file) => {
      const dataUri = await new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result);
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(file);
      });
      return { name: file.name, dataUri, thumb: await thumbnail(dataUri) };
    }));
    state.images.push(...read);
    this.fileInput.value = '';
    this.renderImages();
    this.changed();
  }

  /** Any change: a new dry run after a short pause (the last one wins), and a new idempotency key. */
  changed(now = false) {
    state.idempotencyKey = newKey();
    state.sendError = null;
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
      slot.closest('.field, .thumb')?.classList.remove('invalid');
    }
    const check = state.check ?? { pending: true };
    const ready = state.images.length > 0 && state.prompt.trim() !== '';
    this.button.disabled = state.sending || !check.result?.valid;
    this.button.textContent = state.sending ? t('submit.sending') : t('submit.button');
    fill(this.sendBox, state.sendError ? t('submit.failed', { message: state.sendError }) : '');
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
          slot.closest('.field, .thumb')?.classList.add('invalid');
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
        estimate.basis && h('dd', { class: 'muted' }, estimate.basis)));
  }

  async send() {
    if (state.sending || !state.check?.result?.valid) return;
    state.sending = true;
    this.renderCheck();
    try {
      const answer = await tasks.submit(request(), state.idempotencyKey);
      const id = answer.output.task_id;
      remember(id, state.images.map((i) => i.thumb));
      state.images = [];
      state.prompt = '';
      state.sending = false;
      state.idempotencyKey = newKey();
      this.go(`#/tasks/${id}`);
    } catch (error) {
      state.sending = false;
      state.sendError = error.message;
      if (error.body?.violations) state.check = { result: { valid: false, violations: error.body.violations } };
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
