/**
 * @module `contiv-ts trace`: asks a running agent to trace one probe through its data plane
 * (`GET /trace`) and prints the explanation: each step, the rule that decided, and the policy
 * rules or Services behind it.
 */
import { formatTraceText } from '../plugins/trace/trace-text.ts';
import type { TraceResult } from '../plugins/trace/trace-result.ts';
import type { Command } from './commands.ts';
import { DEFAULT_AGENT_URL } from './status.ts';
import { EXIT_USAGE, formatError, parseFlags, UsageError } from './usage.ts';

const USAGE = `usage: contiv-ts trace --from F --to T --port N [--protocol TCP|UDP|SCTP] [--url URL] [--output text|json]

Traces a connection through a running agent's simulated VPP and explains the verdict.

  --from F       who connects: ns/pod (a pod of that node), node:NAME (that node's host
                 network) or ip:A.B.C.D (an outside host, entering at that node)
  --to T         where to: ns/pod, svc:ns/name (its cluster IP; --port is the service
                 port), node:NAME (a node address; --port is a NodePort) or ip:A.B.C.D
  --port N       destination port
  --protocol P   TCP (default), UDP or SCTP
  --url URL      the agent's REST address (default ${DEFAULT_AGENT_URL})
  --output O     text (default) or json (the GET /trace document)
  -h, --help     show this help

Exit status: 0 when the agent traced the probe (whatever the verdict), 1 when it could not
(unreachable, or no simulated data plane: 501), 2 for bad usage or parameters it rejected.`;

const FLAGS = {
  from: { type: 'string' },
  to: { type: 'string' },
  port: { type: 'string' },
  protocol: { type: 'string' },
  url: { type: 'string' },
  output: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** What the command talks to (tests pass their own). */
export interface TraceIo {
  fetch(url: string): Promise<Response>;
  out(text: string): void;
  err(text: string): void;
}

const consoleIo: TraceIo = {
  fetch: (url) => fetch(url, { headers: { accept: 'application/json' } }),
  out: (t) => console.log(t),
  err: (t) => console.error(t),
};

function usageError(io: TraceIo, message: string): number {
  io.err(`contiv-ts trace: ${message}\n\n${USAGE}`);
  return EXIT_USAGE;
}

/**
 * Runs `trace` with `argv` (after the command name).
 * @returns the exit status (see the usage text)
 */
export async function runTrace(argv: readonly string[], io: TraceIo = consoleIo): Promise<number> {
  let flags;
  try {
    flags = parseFlags(argv, FLAGS);
  } catch (err: unknown) {
    if (!(err instanceof UsageError)) throw err;
    return usageError(io, err.message);
  }
  if (flags.help) {
    io.out(USAGE);
    return 0;
  }
  const output = flags.output ?? 'text';
  if (output !== 'text' && output !== 'json') return usageError(io, `--output "${output}": expected text or json`);
  for (const name of ['from', 'to', 'port'] as const) if (flags[name] === undefined) return usageError(io, `--${name} is required`);
  const query = new URLSearchParams({ from: flags.from ?? '', to: flags.to ?? '', port: flags.port ?? '', ...(flags.protocol !== undefined ? { protocol: flags.protocol } : {}) });
  const url = `${(flags.url ?? DEFAULT_AGENT_URL).replace(/\/$/, '')}/trace?${query}`;
  let res: Response;
  let body: unknown;
  try {
    res = await io.fetch(url);
    body = await res.json();
  } catch (err: unknown) {
    io.err(`contiv-ts trace: cannot read ${url}: ${formatError(err)}`);
    return 1;
  }
  if (!res.ok) {
    const message = typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : `answered ${res.status}`;
    io.err(`contiv-ts trace: ${message}`);
    return res.status === 400 ? EXIT_USAGE : 1;
  }
  io.out(output === 'json' ? JSON.stringify(body, null, 2) : formatTraceText(body as TraceResult));
  return 0;
}

/** The `trace` command. */
export const traceCommand: Command = { summary: 'trace a connection through a running agent and explain it', usage: USAGE, run: (argv) => runTrace(argv) };
