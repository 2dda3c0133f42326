/** @module `contiv-ts agent`: load config, boot a build, serve until SIGINT/SIGTERM (or `--once`). */
import process from 'node:process';
import { formatBootReport } from '../core/boot-report.ts';
import { createAgent } from '../core/build.ts';
import { parseOverrideValue, setOverride, type ConfigOverride } from '../core/config/config-overrides.ts';
import { loadConfig } from '../core/config/load-config.ts';
import { builds } from '../plugins/builds.ts';
import type { Command } from './commands.ts';
import { EXIT_USAGE, formatError, parseFlags, UsageError } from './usage.ts';

const USAGE = `usage: contiv-ts agent [--config PATH] [--build NAME] [--set path=value]... [--http-port N] [--log-level L] [--once]

Boots the agent and serves REST until SIGINT or SIGTERM.

  --config PATH      YAML config file (docs/config.md); env CONTIV_* and flags override it
  --build NAME       plugin build: ${Object.keys(builds).sort().join(', ')} (default full)
  --set path=value   set one config value, e.g. --set plugins.kvstore.type=etcd (repeatable)
  --http-port N      same as --set http.port=N
  --log-level L      same as --set log.level=L (debug, info, warn, error)
  --once             boot, run the initial resync, print the boot report, close, exit 0;
                     no port is opened (routes are still built)
  -h, --help         show this help`;

const FLAGS = {
  config: { type: 'string' },
  build: { type: 'string' },
  set: { type: 'string', multiple: true },
  'http-port': { type: 'string' },
  'log-level': { type: 'string' },
  once: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Config overrides from the agent's flags, in the order they apply. */
function flagOverrides(flags: { set?: string[]; 'http-port'?: string; 'log-level'?: string; once?: boolean }): ConfigOverride[] {
  const out = (flags.set ?? []).map(setOverride);
  if (flags['http-port'] !== undefined) out.push({ path: ['http', 'port'], value: parseOverrideValue(flags['http-port']), origin: 'flag --http-port' });
  if (flags['log-level'] !== undefined) out.push({ path: ['log', 'level'], value: flags['log-level'], origin: 'flag --log-level' });
  if (flags.once) out.push({ path: ['http', 'enabled'], value: false, origin: 'flag --once' });
  return out;
}

/** Resolves with the first of SIGINT / SIGTERM. */
function nextSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: string) => () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(signal);
    };
    const onInt = on('SIGINT');
    const onTerm = on('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}

async function run(argv: readonly string[]): Promise<number> {
  let flags;
  try {
    flags = parseFlags(argv, FLAGS);
    if (flags.build !== undefined && !(flags.build in builds)) throw new UsageError(`unknown build "${flags.build}"`);
  } catch (err: unknown) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`contiv-ts agent: ${err.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (flags.help) {
    console.log(USAGE);
    return 0;
  }
  const build = builds[flags.build ?? 'full'];
  if (!build) return EXIT_USAGE;
  try {
    const config = await loadConfig({ ...(flags.config === undefined ? {} : { file: flags.config }), env: process.env, flags: flagOverrides(flags) });
    const agent = createAgent(build, config);
    if (flags.once) {
      const report = await agent.start();
      console.log(formatBootReport(report));
      await agent.close();
      return 0;
    }
    const signal = nextSignal();
    await agent.start();
    const address = agent.address();
    console.error(`contiv-ts agent ${agent.label} (build ${build.name}) ready${address ? ` on http://${address.host}:${address.port}` : ''}`);
    console.error(`stopping on ${await signal}`);
    await agent.close();
    return 0;
  } catch (err: unknown) {
    console.error(`contiv-ts agent: ${formatError(err)}`);
    return 1;
  }
}

/** The `agent` command (the default). */
export const agentCommand: Command = { summary: 'run the agent (default command)', usage: USAGE, run };
