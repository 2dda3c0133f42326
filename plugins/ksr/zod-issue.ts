/** @module Turning zod validation issues into BadInputErrors with a readable field path. Pure. */
import type { z } from 'zod';
import { BadInputError } from '../../core/errors.ts';

/** `spec.ingress[0].from[1].ipBlock.cidr`; keys that are not identifiers as `labels["app/name"]`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (typeof p === 'string' && /^[A-Za-z_$][\w$]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(String(p))}]`;
  }
  return out;
}

/** Appends a child to a field path. */
export function field(base: string, child: string | number): string {
  if (typeof child === 'number') return `${base}[${child}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(child)) return base ? `${base}.${child}` : child;
  return `${base}[${JSON.stringify(child)}]`;
}

/** The first issue of a zod error as a BadInputError (the count of further issues in the detail). */
export function badInputFromZod(source: string, error: z.ZodError, base = ''): BadInputError {
  const issue = error.issues[0]!;
  const path = fieldPath(issue.path);
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return new BadInputError(source, base && path ? `${base}.${path}` : base || path, `${issue.message}${more}`);
}

/** Parses `value` with `schema` or throws the first issue as a BadInputError. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, source: string): T {
  const res = schema.safeParse(value);
  if (!res.success) throw badInputFromZod(source, res.error);
  return res.data;
}
