/** @module `contiv-ts status`: asks a running agent for `GET /status` and prints it. */
import type { StatusView } from '../core/status/status-view.ts';
import type { Command } from './commands.ts';
import { consoleOutput, formatError, parseFlags, readCommandLine } from './usage.ts';

/** Where `status` and `resync` find the agent unless `--url` says otherwise. */
export const DEFAULT_AGENT_URL = 'http://127.0.0.1:9191';

const USAGE = `usage: contiv-ts status [--url URL] [--json]

Prints the state of a running agent: its plugins, their state and last error.

  --url URL   the agent's REST address (default ${DEFAULT_AGENT_URL})
  --json      print the /status document as JSON
  -h, --help  show this help`;

const FLAGS = { url: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

/** The status document as a short table, plugins in start order. */
export function formatStatus(view: StatusView): string {
  const { agent } = view;
  const rows = view.order.map((name, i) => {
    const p = view.plugins[name];
    const error = p?.lastError ? String(p.lastError.message ?? p.lastError.code ?? '') : '';
    return [String(i + 1), name, p?.state ?? '?', error];
  });
  const widths = [0, 1, 2].map((c) => Math.max(['#', 'plugin', 'state'][c]?.length ?? 0, ...rows.map((r) => r[c]?.length ?? 0)));
  const line = (cells: readonly string[]) => `  ${cells.map((cell, c) => (c < 3 ? cell.padEnd(widths[c] ?? 0) : cell)).join('  ')}`.trimEnd();
  return [
    `agent ${agent.label} (build ${agent.build}): ${agent.state}, ${agent.ready ? 'ready' : 'not ready'}`,
    ...(agent.lastError ? [`  error: ${String(agent.lastError.message)}`] : []),
    ...(view.disabled.length > 0 ? [`  disabled: ${view.disabled.join(', ')}`] : []),
    line(['#', 'plugin', 'state', 'last error']),
    ...rows.map(line),
  ].join('\n');
}

async function run(argv: readonly string[]): Promise<number> {
  const line = readCommandLine('status', USAGE, () => parseFlags(argv, FLAGS), consoleOutput);
  if (line.exit !== undefined) return line.exit;
  const { flags } = line;
  const url = `${(flags.url ?? DEFAULT_AGENT_URL).replace(/\/$/, '')}/status`;
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
    const view = (await res.json()) as StatusView;
    console.log(flags.json ? JSON.stringify(view, null, 2) : formatStatus(view));
    return view.agent.state === 'running' ? 0 : 1;
  } catch (err: unknown) {
    console.error(`contiv-ts status: cannot read ${url}: ${formatError(err)}`);
    return 1;
  }
}

/** The `status` command. */
export const statusCommand: Command = { summary: 'print the status of a running agent', usage: USAGE, run };
