/**
 * @module Scenario files of `simulate --scenario FILE` (JSON): `{ "nodes"?: N, "steps": [ {
 * "apply"?: [objects], "delete"?: [{ "kind", "namespace"?, "name" }], "advanceSeconds"?: S,
 * "probes"?: [probes] } ] }`, validated in full before anything runs; every problem names the
 * file, the step and the field. Pure.
 */
import { z } from 'zod';
import { BadInputError } from '../core/errors.ts';
import { parseManifestJson, type ManifestObject } from '../plugins/ksr/manifest-loader.ts';
import type { DeleteRef } from './cluster-objects.ts';
import { parseProbeSpecs, type ProbeSpec } from './probe-spec.ts';
import { SimulateInputError } from './simulate-input-error.ts';

/** One validated step. */
export interface ScenarioStep {
  /** `FILE steps[i]`. */
  readonly source: string;
  readonly apply: readonly ManifestObject[];
  readonly delete: readonly DeleteRef[];
  readonly advanceSeconds: number;
  readonly probes: readonly ProbeSpec[];
  /** Whether the step lists probes (`--matrix` fills steps that do not). */
  readonly hasProbes: boolean;
}

/** A validated scenario. */
export interface Scenario {
  readonly file: string;
  readonly nodes?: number;
  readonly steps: readonly ScenarioStep[];
}

const deleteSchema = z.object({ kind: z.string().min(1), namespace: z.string().min(1).optional(), name: z.string().min(1) }).strict();

const stepSchema = z
  .object({
    apply: z.array(z.unknown()).optional(),
    delete: z.array(deleteSchema).optional(),
    advanceSeconds: z.number().min(0).max(10 * 365 * 86_400).optional(),
    probes: z.unknown().optional(),
  })
  .strict();

const scenarioSchema = z.object({ nodes: z.number().int().min(1).max(255).optional(), steps: z.array(stepSchema).min(1) }).strict();

function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/**
 * Validates a parsed scenario file.
 * @throws {SimulateInputError} listing every problem (structure, manifests, probes)
 */
export function parseScenario(json: unknown, file: string): Scenario {
  const parsed = scenarioSchema.safeParse(json);
  if (!parsed.success) {
    throw new SimulateInputError(parsed.error.issues.map((i) => {
      const keys = i.code === 'unrecognized_keys' ? ` (${i.keys.join(', ')})` : '';
      return new BadInputError(file, issuePath(i.path), `${i.message}${keys}`);
    }));
  }
  const problems: BadInputError[] = [];
  const steps = parsed.data.steps.map((s, i): ScenarioStep => {
    const source = `${file} steps[${i}]`;
    const apply: ManifestObject[] = [];
    const seen = new Map<string, string>();
    (s.apply ?? []).forEach((obj, j) => {
      const set = parseManifestJson(obj, `${source}.apply[${j}]`);
      problems.push(...set.errors);
      for (const o of set.objects) {
        const first = seen.get(o.key);
        if (first !== undefined) problems.push(new BadInputError(o.source, 'metadata.name', `the same object is already in this step at ${first}`));
        else {
          seen.set(o.key, o.source);
          apply.push(o);
        }
      }
    });
    let probes: ProbeSpec[] = [];
    if (s.probes !== undefined) {
      try {
        probes = parseProbeSpecs(s.probes, file, `steps[${i}].probes`);
      } catch (err: unknown) {
        if (!(err instanceof BadInputError)) throw err;
        problems.push(err);
      }
    }
    return { source, apply, delete: s.delete ?? [], advanceSeconds: s.advanceSeconds ?? 0, probes, hasProbes: s.probes !== undefined };
  });
  if (problems.length > 0) throw new SimulateInputError(problems);
  return { file, ...(parsed.data.nodes !== undefined ? { nodes: parsed.data.nodes } : {}), steps };
}
