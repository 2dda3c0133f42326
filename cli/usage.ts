/** @module What the CLI prints: usage text, flag parsing that fails with usage, and errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ContivError, errorMessage } from '../core/errors.ts';

/** Bad command-line usage: printed with the usage text, exit status 2. */
export class UsageError extends ContivError {
  readonly code = 'USAGE';
  constructor(readonly detail: string) {
    super(detail);
  }
}

/** Exit status for bad usage (unknown command or flag). */
export const EXIT_USAGE = 2;

/** Where a command prints its results (`log`) and its errors (`error`). */
export interface Output {
  log(line: string): void;
  error(line: string): void;
}

/** The process's stdout and stderr. */
export const consoleOutput: Output = { log: (l) => console.log(l), error: (l) => console.error(l) };

/** A command's parsed flags, or the exit status when parsing already finished the command. */
export type CommandLine<F> = { readonly flags: F; readonly exit?: undefined } | { readonly exit: number };

/**
 * Parses a command's flags with `parse`: a {@link UsageError} prints the message and the usage
 * text (exit {@link EXIT_USAGE}), `--help` prints the usage text (exit 0).
 * @example const line = readCommandLine('resync', USAGE, () => parseFlags(argv, FLAGS), out); if (line.exit !== undefined) return line.exit;
 */
export function readCommandLine<F extends { readonly help?: boolean | undefined }>(command: string, usage: string, parse: () => F, out: Output): CommandLine<F> {
  let flags: F;
  try {
    flags = parse();
  } catch (err: unknown) {
    if (!(err instanceof UsageError)) throw err;
    out.error(`contiv-ts ${command}: ${err.message}\n\n${usage}`);
    return { exit: EXIT_USAGE };
  }
  if (flags.help) {
    out.log(usage);
    return { exit: 0 };
  }
  return { flags };
}

/** The values `parseFlags` returns for an options table. */
export type ParsedFlags<T extends NonNullable<ParseArgsConfig['options']>> = ReturnType<typeof parseArgs<{ options: T; strict: true; allowPositionals: false }>>['values'];

/**
 * Parses `argv` strictly against `options` (no positionals).
 * @throws {UsageError} For an unknown flag, a missing value or a stray argument.
 */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T): ParsedFlags<T> {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (err: unknown) {
    // node:util's messages name the flag; drop its advice about `--` which does not apply here.
    throw new UsageError(errorMessage(err).split('. To specify')[0] ?? errorMessage(err));
  }
}

/** The general usage text, listing `commands` with their summaries. */
export function generalUsage(commands: Readonly<Record<string, { readonly summary: string }>>): string {
  const names = Object.keys(commands).sort();
  const width = Math.max(...names.map((n) => n.length));
  return [
    'usage: contiv-ts [command] [flags]        (npm run cli -- <command> ...)',
    '',
    'commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${commands[n]?.summary ?? ''}`),
    '',
    'Without a command, "agent" runs. "contiv-ts <command> --help" shows its flags.',
  ].join('\n');
}

/**
 * An error as the CLI prints it: the message, then each cause on its own line.
 * @example formatError(err) // 'plugin "kvstore" failed in init: ...\n  caused by: connect ECONNREFUSED'
 */
export function formatError(err: unknown): string {
  const lines = [errorMessage(err)];
  let cause = err instanceof Error ? err.cause : undefined;
  let previous = lines[0] ?? '';
  for (let depth = 0; cause !== undefined && depth < 5; depth++) {
    const msg = errorMessage(cause);
    // Host errors embed their cause's message; repeating it adds nothing.
    if (!previous.endsWith(msg)) lines.push(`  caused by: ${msg}`);
    previous = msg;
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return lines.join('\n');
}
