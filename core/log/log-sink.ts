/** @module LogRecord and LogSink: what loggers emit and where it goes (console, a test recorder). */
import type { LogFields, LogLevel } from './logger.ts';

/** One emitted log record. */
export interface LogRecord {
  /** Milliseconds since the epoch (from the agent's clock). */
  readonly time: number;
  readonly level: LogLevel;
  /** Logger name (`agent`, `policy`, `policy.renderer`). */
  readonly logger: string;
  readonly msg: string;
  readonly fields: LogFields;
}

/** Receives every record that passed its logger's level. */
export interface LogSink {
  write(record: LogRecord): void;
}
