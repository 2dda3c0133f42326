/** @module Logger: the leveled, structured logger every plugin gets by `@inject(LOGGER)`. */

/** Log levels, most verbose first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
/** A log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Structured fields of a log record. */
export type LogFields = Readonly<Record<string, unknown>>;

/** A named logger. Messages are constant; data goes in fields. */
export interface Logger {
  /** Logger name (`agent`, `policy`, `policy.renderer`). */
  readonly name: string;
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** Whether `level` would be emitted (guards expensive field building). */
  enabled(level: LogLevel): boolean;
  /** A child logger `<name>.<suffix>` sharing the registry (level settable separately). */
  child(suffix: string): Logger;
}
