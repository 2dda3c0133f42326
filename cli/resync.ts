/** @module `contiv-ts resync`: asks a running agent for a full resync (`POST /resync`). */
import type { Command } from './commands.ts';
import { DEFAULT_AGENT_URL } from './status.ts';
import { consoleOutput, formatError, parseFlags, readCommandLine } from './usage.ts';

const USAGE = `usage: contiv-ts resync [--url URL]

Asks a running agent to re-read the store and reconcile everything; waits until it is done.

  --url URL   the agent's REST address (default ${DEFAULT_AGENT_URL})
  -h, --help  show this help`;

const FLAGS = { url: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

async function run(argv: readonly string[]): Promise<number> {
  const line = readCommandLine('resync', USAGE, () => parseFlags(argv, FLAGS), consoleOutput);
  if (line.exit !== undefined) return line.exit;
  const { flags } = line;
  const url = `${(flags.url ?? DEFAULT_AGENT_URL).replace(/\/$/, '')}/resync`;
  try {
    const res = await fetch(url, { method: 'POST' });
    const body = await res.text();
    if (!res.ok) {
      console.error(`contiv-ts resync: POST ${url} answered ${res.status}${body ? `: ${body}` : ''}`);
      return 1;
    }
    console.log(body || 'resync done');
    return 0;
  } catch (err: unknown) {
    console.error(`contiv-ts resync: cannot reach ${url}: ${formatError(err)}`);
    return 1;
  }
}

/** The `resync` command. */
export const resyncCommand: Command = { summary: 'ask a running agent for a full resync', usage: USAGE, run };
