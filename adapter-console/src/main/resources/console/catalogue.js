// The model catalogue, read from the gateway (never written out here). GET /v1/models answered the gateway's own
// shape ({"models":[{"name",…}]}); it becomes the OpenAI list Modelverse clients read ({"object":"list","data":[{"id",…}]},
// no rules), and the catalogue moves to GET /v1/models/catalogue. So /v1/models is read first, in either shape (a
// model's rules beside "id"/"name" or under a nested object), and the catalogue's own path when it has no rules.

import { call } from './api.js';

const RULE_PATHS = ['/v1/models', '/v1/models/catalogue'];

/** One model with everything the form needs, or null when the entry carries no rules. */
export function normalizeModel(entry) {
  if (!entry || typeof entry !== 'object') return null;
  const rules = Array.isArray(entry.durations)
    ? entry
    : [entry.catalogue, entry.rules, entry.vidu, entry.gateway].find((nested) => nested && Array.isArray(nested.durations));
  if (!rules) return null;
  const name = entry.name ?? entry.id ?? rules.name ?? rules.id;
  if (!name) return null;
  const durations = rules.durations.map((d) => ({
    seconds: d.seconds,
    resolutions: d.resolutions ?? [],
    defaultResolution: d.default_resolution ?? d.resolutions?.[0],
    prices: (d.prices ?? []).map((p) => ({
      resolution: p.resolution,
      costCny: p.cost_cny,
      typicalSeconds: p.typical_generation_seconds == null ? null : Number(p.typical_generation_seconds),
    })),
  }));
  return {
    name,
    minImages: rules.min_images ?? 1,
    maxImages: rules.max_images ?? 7,
    durations,
    defaultDuration: rules.default_duration ?? durations[0]?.seconds,
    aspectRatios: rules.aspect_ratios ?? [],
    defaultAspectRatio: rules.default_aspect_ratio ?? rules.aspect_ratios?.[0],
    movementAmplitudes: rules.movement_amplitudes ?? [],
    defaultMovementAmplitude: rules.default_movement_amplitude ?? rules.movement_amplitudes?.[0],
    supportsMovementAmplitude: rules.supports_movement_amplitude ?? (rules.movement_amplitudes?.length > 0),
  };
}

/** The models of an answer in either shape, those without rules left out. */
export function modelsOf(body) {
  const entries = Array.isArray(body) ? body : body?.models ?? body?.data ?? body?.catalogue?.models ?? [];
  return entries.map(normalizeModel).filter(Boolean);
}

let loaded = null;

/** The catalogue, read once per page load from the first path that answers with rules. */
export function catalogue() {
  if (!loaded) {
    loaded = (async () => {
      let lastError = null;
      for (const path of RULE_PATHS) {
        try {
          const models = modelsOf(await call(path));
          if (models.length) return models;
        } catch (error) {
          if (error.status === 401) throw error;
          lastError = error;
        }
      }
      throw lastError ?? new Error('the gateway returned no model catalogue');
    })();
    loaded.catch(() => {
      loaded = null;
    });
  }
  return loaded;
}

/** The provider's published typical generation time (seconds) of a model, duration and resolution, if any. */
export function typicalSeconds(models, name, seconds, resolution) {
  const model = models.find((m) => m.name === name);
  const option = model?.durations.find((d) => d.seconds === seconds);
  return option?.prices.find((p) => p.resolution === resolution)?.typicalSeconds ?? null;
}
