/**
 * @module `contiv-ts cni`: a CNI plugin binary for kubelet / the container runtime. It reads
 * the CNI environment (`CNI_COMMAND`, `CNI_CONTAINERID`, `CNI_NETNS`, `CNI_IFNAME`, `CNI_ARGS`)
 * and the network configuration on stdin, forwards the request to the agent's
 * `POST /cni/add|del|check` and prints the CNI result (ADD) or a CNI error JSON on stdout.
 */
import process from 'node:process';
import { errorMessage } from '../core/errors.ts';
import { CNI_CODES, cniError, DEFAULT_CNI_VERSION, SUPPORTED_CNI_VERSIONS, type CniErrorResult } from '../plugins/contiv/cni/cni-result.ts';
import type { Command } from './commands.ts';
import { DEFAULT_AGENT_URL } from './status.ts';
import { EXIT_USAGE, parseFlags, UsageError } from './usage.ts';

const USAGE = `usage: contiv-ts cni [--agent-url URL]

Runs as a CNI plugin: CNI_COMMAND (ADD, DEL, CHECK, VERSION), CNI_CONTAINERID, CNI_NETNS,
CNI_IFNAME and CNI_ARGS (K8S_POD_NAMESPACE, K8S_POD_NAME) from the environment, the network
configuration on stdin; the result or a CNI error as JSON on stdout (exit status 1 on error).

  --agent-url URL  the agent's REST address; else env CONTIV_AGENT_URL, else "agentUrl" in the
                   network configuration, else ${DEFAULT_AGENT_URL}
  -h, --help       show this help`;

const FLAGS = { 'agent-url': { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

/** What the command reads and writes (the process by default; tests pass their own). */
export interface CniIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readStdin(): Promise<string>;
  readonly fetch: (url: string, init: RequestInit) => Promise<Response>;
  /** Writes to stdout. */
  out(text: string): void;
  /** Writes to stderr. */
  err(text: string): void;
}

const PATHS: Readonly<Record<string, string>> = { ADD: '/cni/add', DEL: '/cni/del', CHECK: '/cni/check' };

/**
 * Runs one CNI invocation.
 * @returns the exit status: 0 ok, 1 CNI error (printed as JSON on stdout), 2 bad usage
 */
export async function runCni(argv: readonly string[], io: CniIo): Promise<number> {
  let flags;
  try {
    flags = parseFlags(argv, FLAGS);
  } catch (err: unknown) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`contiv-ts cni: ${err.message}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (flags.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const fail = (e: CniErrorResult): number => {
    io.out(`${JSON.stringify(e)}\n`);
    return 1;
  };
  const command = io.env.CNI_COMMAND ?? '';
  if (command === 'VERSION') {
    io.out(`${JSON.stringify({ cniVersion: DEFAULT_CNI_VERSION, supportedVersions: SUPPORTED_CNI_VERSIONS })}\n`);
    return 0;
  }
  const path = PATHS[command];
  if (!path) {
    return fail(cniError(DEFAULT_CNI_VERSION, CNI_CODES.INVALID_ENVIRONMENT, command ? `unsupported CNI_COMMAND "${command}" (expected ADD, DEL, CHECK or VERSION)` : 'missing CNI_COMMAND'));
  }

  const stdin = (await io.readStdin()).trim();
  let config: Record<string, unknown> = {};
  if (stdin || command !== 'DEL') {
    try {
      const parsed: unknown = JSON.parse(stdin);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('expected a JSON object');
      config = parsed as Record<string, unknown>;
    } catch (err: unknown) {
      return fail(cniError(DEFAULT_CNI_VERSION, CNI_CODES.DECODE_FAILURE, `cannot decode the network configuration on stdin: ${errorMessage(err)}`));
    }
  }
  const version = typeof config.cniVersion === 'string' ? config.cniVersion : DEFAULT_CNI_VERSION;
  const base = flags['agent-url'] ?? io.env.CONTIV_AGENT_URL ?? (typeof config.agentUrl === 'string' ? config.agentUrl : DEFAULT_AGENT_URL);
  const url = `${base.replace(/\/$/, '')}${path}`;
  const body = {
    containerId: io.env.CNI_CONTAINERID ?? '',
    netns: io.env.CNI_NETNS ?? '',
    ifName: io.env.CNI_IFNAME ?? '',
    args: io.env.CNI_ARGS ?? '',
    config,
  };

  let res: Response;
  try {
    res = await io.fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (err: unknown) {
    return fail(cniError(version, CNI_CODES.TRY_AGAIN_LATER, `cannot reach the contiv agent at ${url}: ${errorMessage(err)}`));
  }
  const text = await res.text();
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    return fail(cniError(version, CNI_CODES.IO_FAILURE, `the contiv agent at ${url} answered ${res.status} without JSON`, text.slice(0, 200)));
  }
  if (!res.ok) {
    const e = answer as Partial<CniErrorResult>;
    if (typeof e.code === 'number' && typeof e.msg === 'string') return fail({ cniVersion: e.cniVersion ?? version, code: e.code, msg: e.msg, ...(e.details ? { details: e.details } : {}) });
    return fail(cniError(version, CNI_CODES.INTERNAL, `the contiv agent at ${url} answered ${res.status}`, text.slice(0, 200)));
  }
  if (command === 'ADD') io.out(`${JSON.stringify(answer)}\n`);
  return 0;
}

async function readProcessStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Uint8Array[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array));
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** The `cni` command. */
export const cniCommand: Command = {
  summary: 'act as the CNI plugin: forward a CNI request to the agent',
  usage: USAGE,
  run: (argv) =>
    runCni(argv, {
      env: process.env,
      readStdin: readProcessStdin,
      fetch: (url, init) => fetch(url, init),
      out: (t) => void process.stdout.write(t),
      err: (t) => void process.stderr.write(t),
    }),
};
