/**
 * @module Config overrides from env vars and flags, and how they are merged into the file's data.
 *
 * Env rule: `CONTIV_` + the path's segments joined by `__`; inside a segment, `_` starts a
 * capitalised word (camelCase): `CONTIV_HTTP__PORT` → `http.port`,
 * `CONTIV_AGENT__PHASE_TIMEOUT_MS` → `agent.phaseTimeoutMs`,
 * `CONTIV_PLUGINS__POLICY__RENDERER` → `plugins.policy.renderer`. Flags: `--set path=value`
 * with the path as written in the file. Values of both are parsed as YAML (`9292` is a number,
 * `true` a boolean, `[a, b]` a list).
 */
import { parseDocument } from 'yaml';
import { ConfigError } from '../errors.ts';
import { formatPath } from './config-path.ts';

/** One value set from outside the file. */
export interface ConfigOverride {
  readonly path: readonly string[];
  readonly value: unknown;
  /** `env CONTIV_HTTP__PORT` or `flag --set http.port=9292`. */
  readonly origin: string;
}

/** Env var prefix of config overrides. */
export const ENV_PREFIX = 'CONTIV_';

/** Parses an override value as a YAML scalar or flow collection; text that is not YAML stays a string. */
export function parseOverrideValue(text: string): unknown {
  const doc = parseDocument(text);
  return doc.errors.length > 0 ? text : (doc.toJS() as unknown);
}

/**
 * The overrides in `env` (only `CONTIV_*` variables), sorted by variable name.
 * @example envOverrides({ CONTIV_HTTP__PORT: '9292' }) // [{ path: ['http', 'port'], value: 9292, ... }]
 */
export function envOverrides(env: Readonly<Record<string, string | undefined>>): ConfigOverride[] {
  return Object.keys(env)
    .filter((name) => name.startsWith(ENV_PREFIX) && name.length > ENV_PREFIX.length)
    .sort()
    .map((name) => ({
      path: name.slice(ENV_PREFIX.length).split('__').map(envSegment),
      value: parseOverrideValue(env[name] ?? ''),
      origin: `env ${name}`,
    }));
}

function envSegment(segment: string): string {
  return segment.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * Parses one `--set path=value` argument.
 * @throws {ConfigError} If there is no `=` or the path is empty.
 */
export function setOverride(arg: string): ConfigOverride {
  const eq = arg.indexOf('=');
  const path = eq < 0 ? [] : arg.slice(0, eq).split('.');
  if (eq <= 0 || path.some((s) => s === '')) {
    throw new ConfigError('command line', [{ origin: `flag --set ${arg}`, path: '', detail: 'expected --set path=value, e.g. --set http.port=9292' }]);
  }
  return { path, value: parseOverrideValue(arg.slice(eq + 1)), origin: `flag --set ${arg.slice(0, eq)}` };
}

/**
 * Applies overrides in order (later wins) to a copy of `data`, creating mappings on the way.
 * @returns the merged data and, per dotted path, the origin of the value set there
 */
export function applyOverrides(
  data: unknown,
  overrides: readonly ConfigOverride[],
): { readonly data: unknown; readonly origins: ReadonlyMap<string, string> } {
  const root: Record<string, unknown> = isMapping(data) ? structuredClone(data) : {};
  const origins = new Map<string, string>();
  for (const o of overrides) {
    let at = root;
    o.path.slice(0, -1).forEach((seg) => {
      const next = at[seg];
      // An override below a scalar replaces the scalar: the override is the more specific intent.
      at = isMapping(next) ? next : (at[seg] = {});
    });
    at[o.path[o.path.length - 1] as string] = o.value;
    origins.set(formatPath(o.path), o.origin);
  }
  return { data: isMapping(data) || overrides.length > 0 ? root : data, origins };
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
