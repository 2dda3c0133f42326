/** @module Config paths: `plugins.policy.renderer`, `endpoints[0]`, as messages print them. */

/** A path inside the config document. */
export type ConfigPath = readonly PropertyKey[];

/**
 * Formats a path: keys joined by dots, array indices in brackets.
 * @example formatPath(['kvstore', 'endpoints', 0]) // 'kvstore.endpoints[0]'
 */
export function formatPath(path: ConfigPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

/** The value at `path` in plain data, or undefined. */
export function valueAt(data: unknown, path: ConfigPath): unknown {
  let at: unknown = data;
  for (const seg of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[seg];
  }
  return at;
}
