/**
 * @module `contiv-ts simulate`: an in-process cluster (one agent per node on one store, each
 * with its simulated VPP, joined by a simulated underlay) built from manifests or a scenario;
 * prints pods, nodes, services and probe verdicts with their explanation (`cluster/`).
 */
import { formatLogLine } from '../core/log/console-log-sink.ts';
import type { LogSink } from '../core/log/log-sink.ts';
import { SimulateInputError } from '../cluster/simulate-input-error.ts';
import { readManifests, readProbes, readScenario, simulateManifests, simulateScenario, type SimulateOptions } from '../cluster/simulation.ts';
import { scenarioTable, stepTable } from '../cluster/table-output.ts';
import type { Command } from './commands.ts';
import { consoleOutput, formatError, type Output, parseFlags, readCommandLine, UsageError } from './usage.ts';

const USAGE = `usage: contiv-ts simulate (-f PATH ... | --scenario FILE) [--nodes N] [--renderer acl|vpptcp]
                          [--probes FILE] [--matrix] [--output json|table]

Runs a cluster in this process: one contiv-ts agent per node on one in-memory store, each with
its own simulated VPP, joined by a simulated underlay (node segment, gateway, outside network).
The simulation schedules pods, wires them through each agent's CNI endpoint, allocates Service
IPs and NodePorts and derives EndpointSlices; then probes connections through the traced data
plane and explains each verdict (the rule that decided, and its NetworkPolicy or Service).

  -f PATH             manifests: file or directory (*.yaml, *.yml, *.json; repeatable)
  --scenario FILE     JSON: { "nodes"?: N, "steps": [ { "apply"?: [objects], "delete"?:
                      [{ "kind", "namespace"?, "name" }], "advanceSeconds"?: S, "probes"?: [...] } ] },
                      applied step by step to the same running cluster
  --nodes N           nodes when the manifests give no Node (default 2)
  --renderer R        policy renderer: acl (default) or vpptcp (VPP session rules, TCP stack)
  --probes FILE       JSON list of probes { "from", "to", "port", "protocol", "enterAt"?,
                      "sourcePort"?, "attempts"? } (with -f)
  --matrix            without probes: every pod to every pod on every declared container port
  --output FORMAT     table (default) or json (only JSON on stdout)
  -h, --help          show this help`;

const FLAGS = {
  filename: { type: 'string', short: 'f', multiple: true },
  scenario: { type: 'string' },
  nodes: { type: 'string' },
  renderer: { type: 'string' },
  probes: { type: 'string' },
  matrix: { type: 'boolean' },
  output: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parsed `simulate` flags. */
export interface SimulateFlags {
  readonly files: readonly string[];
  readonly scenario?: string;
  readonly probes?: string;
  readonly output: 'json' | 'table';
  readonly options: SimulateOptions;
  readonly help: boolean;
}

/** Parses `simulate` flags. @throws {UsageError} */
export function parseSimulateFlags(argv: readonly string[]): SimulateFlags {
  const f = parseFlags(argv, FLAGS);
  const files = f.filename ?? [];
  const help = f.help ?? false;
  if (!help && files.length === 0 && f.scenario === undefined) throw new UsageError('give -f PATH or --scenario FILE');
  if (files.length > 0 && f.scenario !== undefined) throw new UsageError('-f and --scenario exclude each other');
  if (f.scenario !== undefined && f.probes !== undefined) throw new UsageError('--probes is for -f; a scenario lists probes in its steps');
  const nodes = f.nodes === undefined ? undefined : Number(f.nodes);
  if (nodes !== undefined && (!Number.isInteger(nodes) || nodes < 1 || nodes > 255)) throw new UsageError(`--nodes: expected an integer 1-255, got "${f.nodes}"`);
  const renderer = f.renderer ?? 'acl';
  if (renderer !== 'acl' && renderer !== 'vpptcp') throw new UsageError(`--renderer: expected acl or vpptcp, got "${renderer}"`);
  const output = f.output ?? 'table';
  if (output !== 'json' && output !== 'table') throw new UsageError(`--output: expected json or table, got "${output}"`);
  return {
    files, help, output,
    ...(f.scenario !== undefined ? { scenario: f.scenario } : {}),
    ...(f.probes !== undefined ? { probes: f.probes } : {}),
    options: { renderer, matrix: f.matrix ?? false, ...(nodes !== undefined ? { nodes } : {}) },
  };
}


/** Agents' warnings and errors go to stderr, so stdout stays JSON. */
function stderrSink(out: Output): LogSink {
  return { write: (r) => (r.level === 'warn' || r.level === 'error' ? out.error(formatLogLine(r)) : undefined) };
}

/** Runs `simulate`; resolves with the exit status. */
export async function runSimulate(argv: readonly string[], out: Output = consoleOutput): Promise<number> {
  const line = readCommandLine('simulate', USAGE, () => parseSimulateFlags(argv), out);
  if (line.exit !== undefined) return line.exit;
  const { flags } = line;
  const options: SimulateOptions = { ...flags.options, sink: stderrSink(out) };
  try {
    if (flags.scenario !== undefined) {
      const result = await simulateScenario(await readScenario(flags.scenario), options);
      out.log(flags.output === 'json' ? JSON.stringify(result, null, 2) : scenarioTable(result));
    } else {
      const objects = await readManifests(flags.files);
      const probes = flags.probes !== undefined ? await readProbes(flags.probes) : undefined;
      const result = await simulateManifests(objects, probes, options);
      out.log(flags.output === 'json' ? JSON.stringify(result, null, 2) : stepTable(result));
    }
    return 0;
  } catch (err: unknown) {
    if (err instanceof SimulateInputError) {
      for (const p of err.problems) out.error(`contiv-ts simulate: ${p.message}`);
      return 1;
    }
    out.error(`contiv-ts simulate: ${formatError(err)}`);
    return 1;
  }
}

/** The `simulate` command. */
export const simulateCommand: Command = {
  summary: 'simulate a cluster in-process and probe who can reach whom, and why',
  usage: USAGE,
  run: (argv) => runSimulate(argv),
};
