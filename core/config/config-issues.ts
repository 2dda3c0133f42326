/** @module zod issues → ConfigIssues naming origin, path (`plugins.policy.renderer`) and what was expected. */
import type { z } from 'zod';
import type { ConfigIssue } from '../errors.ts';
import { formatPath, valueAt, type ConfigPath } from './config-path.ts';
import type { LoadedConfig } from './loaded-config.ts';

/** The parts of a zod schema definition we walk to list an object's keys. */
interface SchemaDef {
  readonly type?: string;
  readonly shape?: Readonly<Record<string, unknown>>;
  readonly innerType?: unknown;
  readonly in?: unknown;
  readonly valueType?: unknown;
  readonly element?: unknown;
}

function defOf(schema: unknown): SchemaDef {
  const zod = (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod;
  return zod?.def ?? {};
}

/** The keys the object schema at `path` accepts, sorted (undefined when it is not an object). */
export function knownKeys(schema: unknown, path: ConfigPath): string[] | undefined {
  let at: unknown = schema;
  for (let i = 0; ; ) {
    const def = defOf(at);
    // Wrappers (default, optional, nullable, prefault, readonly, pipe) hide the object inside.
    if (def.innerType !== undefined) at = def.innerType;
    else if (def.type === 'pipe') at = def.in;
    else if (i === path.length) return def.shape ? Object.keys(def.shape).sort() : undefined;
    else if (def.type === 'object') at = def.shape?.[String(path[i++])];
    else if (def.type === 'record') (at = def.valueType), i++;
    else if (def.type === 'array') (at = def.element), i++;
    else return undefined;
    if (at === undefined) return undefined;
  }
}

/**
 * Converts the issues of one validation into ConfigIssues.
 * @param prefix where the validated value sits in the document (`['plugins', 'policy']`)
 */
export function configIssues(
  error: z.ZodError,
  schema: z.ZodType,
  config: LoadedConfig,
  prefix: ConfigPath = [],
): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of error.issues) {
    const local = issue.path;
    if (issue.code === 'unrecognized_keys') {
      const keys = knownKeys(schema, local);
      const expected = keys === undefined || keys.length === 0 ? 'no keys are accepted here' : `expected one of: ${keys.join(', ')}`;
      for (const key of issue.keys) out.push(configIssue(config, [...prefix, ...local, key], `unknown key (${expected})`));
      continue;
    }
    const full = [...prefix, ...local];
    const got = valueAt(config.data, full);
    const shown = got === undefined || typeof got === 'object' ? '' : ` (got ${JSON.stringify(got)})`;
    out.push(configIssue(config, full, `${issue.message}${shown}`));
  }
  return out;
}

/** One issue at `path` with its origin and, when it came from the file, line and column. */
export function configIssue(config: LoadedConfig, path: ConfigPath, detail: string): ConfigIssue {
  const { origin, position } = config.originOf(path);
  return { origin, path: formatPath(path), detail, ...(position ? { line: position.line, column: position.column } : {}) };
}
