/**
 * @module Simulation runs: a set of manifests with probes (`simulate -f`), or a scenario
 * applied step by step to one running cluster (`simulate --scenario`), each producing the
 * `--output json` documents (`{ pods, nodes, services, results }` per state). Reading files is
 * here too, so the CLI and in-process tests share one path.
 */
import { readFile } from 'node:fs/promises';
import { BadInputError, errorMessage } from '../core/errors.ts';
import { loadManifests, type ManifestObject } from '../plugins/ksr/manifest-loader.ts';
import { Cluster, type ClusterOptions } from './cluster.ts';
import type { NodeRow, PodRow, ServiceRow } from './cluster-view.ts';
import { matrixProbes } from './matrix-probes.ts';
import type { ProbeResultView } from './probe-result.ts';
import { parseProbeSpecs, type ProbeSpec } from './probe-spec.ts';
import { parseScenario, type Scenario } from './scenario.ts';
import { SimulateInputError } from './simulate-input-error.ts';

/** The state of the cluster after a step and the results of its probes (`--output json`). */
export interface StepOutput {
  readonly pods: readonly PodRow[];
  readonly nodes: readonly NodeRow[];
  readonly services: readonly ServiceRow[];
  readonly results: readonly ProbeResultView[];
}

/** The `--output json` document of a scenario. */
export interface ScenarioOutput {
  readonly steps: readonly StepOutput[];
}

/** Options of a run. */
export interface SimulateOptions extends ClusterOptions {
  /** Probe every pod pair on every declared port when no probes are given. @default false */
  readonly matrix?: boolean;
}

/** Probes with the name of each for errors. */
export interface NamedProbes {
  readonly probes: readonly ProbeSpec[];
  /** Names probe `i` (`probes.json probes[3]`). */
  readonly source: (index: number) => string;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err: unknown) {
    throw new SimulateInputError([new BadInputError(file, '', `cannot read: ${errorMessage(err)}`, { cause: err })]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err: unknown) {
    throw new SimulateInputError([new BadInputError(file, '', `invalid JSON: ${errorMessage(err)}`, { cause: err })]);
  }
}

/** Loads and validates manifests (files, directories). @throws {SimulateInputError} listing every bad document */
export async function readManifests(paths: readonly string[]): Promise<ManifestObject[]> {
  const set = await loadManifests(paths);
  if (set.errors.length > 0) throw new SimulateInputError(set.errors);
  return [...set.objects];
}

/** Loads a probes file (`[...]` or `{ "probes": [...] }`). @throws {SimulateInputError} */
export async function readProbes(file: string): Promise<NamedProbes> {
  const json = await readJson(file);
  try {
    return { probes: parseProbeSpecs(json, file), source: (i) => `${file} probes[${i}]` };
  } catch (err: unknown) {
    if (err instanceof BadInputError) throw new SimulateInputError([err]);
    throw err;
  }
}

/** Loads a scenario file. @throws {SimulateInputError} */
export async function readScenario(file: string): Promise<Scenario> {
  return parseScenario(await readJson(file), file);
}

async function stepOutput(cluster: Cluster, given: NamedProbes | undefined, matrix: boolean): Promise<StepOutput> {
  const view = cluster.view();
  const named: NamedProbes = given ?? (matrix
    ? { probes: matrixProbes(view.pods()), source: (i) => `--matrix probe ${i}` }
    : { probes: [], source: (i) => `probe ${i}` });
  const results = probeOrFail(cluster, named);
  return { pods: view.podRows(), nodes: view.nodeRows(), services: view.serviceRows(), results };
}

function probeOrFail(cluster: Cluster, named: NamedProbes): ProbeResultView[] {
  try {
    return cluster.probe(named.probes, named.source);
  } catch (err: unknown) {
    if (err instanceof BadInputError) throw new SimulateInputError([err]);
    throw err;
  }
}

async function withCluster<T>(options: ClusterOptions, run: (c: Cluster) => Promise<T>): Promise<T> {
  const cluster = await Cluster.create(options);
  try {
    return await run(cluster);
  } finally {
    await cluster.close();
  }
}

function inputError(err: unknown): never {
  if (err instanceof BadInputError) throw new SimulateInputError([err]);
  throw err;
}

/**
 * Simulates one state: the manifests applied to a fresh cluster, then the probes (or the matrix).
 * @throws {SimulateInputError} for objects the controllers refuse or probes naming unknown things
 */
export async function simulateManifests(objects: readonly ManifestObject[], probes: NamedProbes | undefined, options: SimulateOptions = {}): Promise<StepOutput> {
  return await withCluster(options, async (cluster) => {
    await cluster.apply({ apply: objects }).catch(inputError);
    return await stepOutput(cluster, probes, options.matrix ?? false);
  });
}

/**
 * Runs a scenario: each step applied incrementally to the same cluster (through the store and
 * the agents' event loops), the clock advanced by the step's `advanceSeconds`, then its probes.
 * @throws {SimulateInputError} naming the step's object or probe the simulation refuses
 */
export async function simulateScenario(scenario: Scenario, options: SimulateOptions = {}): Promise<ScenarioOutput> {
  const nodes = scenario.nodes ?? options.nodes;
  return await withCluster({ ...options, ...(nodes !== undefined ? { nodes } : {}) }, async (cluster) => {
    const steps: StepOutput[] = [];
    for (const step of scenario.steps) {
      cluster.advance(step.advanceSeconds);
      await cluster.apply({ apply: step.apply, delete: step.delete, deleteSource: (i) => `${step.source}.delete[${i}]` }).catch(inputError);
      const probes = step.hasProbes ? { probes: step.probes, source: (i: number) => `${step.source}.probes[${i}]` } : undefined;
      steps.push(await stepOutput(cluster, probes, options.matrix ?? false));
    }
    return { steps };
  });
}
