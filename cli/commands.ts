/**
 * @module The CLI's command table and dispatcher. A new command is one line in `commands`
 * (its module exports a {@linkcode Command}).
 */
import { agentCommand } from './agent.ts';
import { cniCommand } from './cni.ts';
import { applyCommand } from './apply.ts';
import { deleteCommand } from './delete.ts';
import { resyncCommand } from './resync.ts';
import { simulateCommand } from './simulate.ts';
import { statusCommand } from './status.ts';
import { traceCommand } from './trace.ts';
import { EXIT_USAGE, generalUsage } from './usage.ts';

/** One CLI command. */
export interface Command {
  /** One line for the general usage. */
  readonly summary: string;
  /** The command's own usage text (`--help`). */
  readonly usage: string;
  /** Runs with the arguments after the command name; resolves with the exit status. */
  run(argv: readonly string[]): Promise<number>;
}

/** Commands by name. */
export const commands: Readonly<Record<string, Command>> = {
  agent: agentCommand,
  status: statusCommand,
  resync: resyncCommand,
  apply: applyCommand,
  delete: deleteCommand,
  cni: cniCommand,
  simulate: simulateCommand,
  trace: traceCommand,
};

/** Runs when the first argument is a flag or absent. */
export const DEFAULT_COMMAND = 'agent';

/**
 * Dispatches `argv` (without runtime and script) to a command.
 * @returns the exit status: 0 ok, 1 failure, 2 bad usage (printed to stderr)
 * @example process.exit(await runCli(process.argv.slice(2)));
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === 'help' || first === '--help' || first === '-h') {
    console.log(generalUsage(commands));
    return 0;
  }
  if (first === undefined || first.startsWith('-')) return (commands[DEFAULT_COMMAND] as Command).run(argv);
  const command = commands[first];
  if (!command) {
    console.error(`contiv-ts: unknown command "${first}"\n\n${generalUsage(commands)}`);
    return EXIT_USAGE;
  }
  return command.run(rest);
}
