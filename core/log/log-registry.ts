/**
 * @module LogRegistry: the agent's loggers, one per plugin (children `<plugin>.<suffix>`),
 * with a level per logger that config sets and `PUT /log/:logger/:level` changes at run time.
 */
import { systemClock, type Clock } from '../clock.ts';
import { BadInputError } from '../errors.ts';
import type { LogSink } from './log-sink.ts';
import { LOG_LEVELS, type LogFields, type Logger, type LogLevel } from './logger.ts';

/** Options of a {@linkcode LogRegistry}. */
export interface LogRegistryOptions {
  /** Where records go. */
  readonly sink: LogSink;
  /** Level of loggers without their own. @default {'info'} */
  readonly level?: LogLevel;
  /** Levels per logger name (a name also covers its children). @default {{}} */
  readonly levels?: Readonly<Record<string, LogLevel>>;
  /** Timestamps of records. @default {systemClock} */
  readonly clock?: Clock;
}

/** A logger's name and effective level, as `GET /log/list` serves it. */
export interface LoggerLevel {
  readonly logger: string;
  readonly level: LogLevel;
}

/** Whether `value` names a log level. */
export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

/**
 * The loggers of one agent. A logger without its own level uses its parent's
 * (`policy.renderer` → `policy`), then the registry's default.
 * @example
 * const logs = new LogRegistry({ sink: consoleLogSink, levels: { policy: 'debug' } });
 * logs.logger('policy').child('renderer').debug('table rendered', { id: 't1' });
 */
export class LogRegistry {
  readonly #sink: LogSink;
  readonly #clock: Clock;
  readonly #levels = new Map<string, LogLevel>();
  readonly #loggers = new Map<string, Logger>();
  #default: LogLevel;

  constructor(options: LogRegistryOptions) {
    this.#sink = options.sink;
    this.#clock = options.clock ?? systemClock;
    this.#default = options.level ?? 'info';
    for (const [name, level] of Object.entries(options.levels ?? {})) this.#levels.set(name, level);
  }

  /** The logger called `name` (created once, then shared). */
  logger(name: string): Logger {
    let logger = this.#loggers.get(name);
    if (!logger) {
      logger = new RegistryLogger(this, name);
      this.#loggers.set(name, logger);
    }
    return logger;
  }

  /** The level `name` logs at. */
  level(name: string): LogLevel {
    for (let n = name; ; n = n.slice(0, n.lastIndexOf('.'))) {
      const level = this.#levels.get(n);
      if (level) return level;
      if (!n.includes('.')) return this.#default;
    }
  }

  /**
   * Sets the level of `name` and, unless they have their own, its children.
   * @throws {BadInputError} If `level` is not a log level.
   */
  setLevel(name: string, level: string): void {
    if (!isLogLevel(level)) throw new BadInputError(`logger ${name}`, 'level', `expected one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
    this.#levels.set(name, level);
  }

  /** Every logger created or configured so far, sorted by name. */
  list(): LoggerLevel[] {
    const names = new Set([...this.#loggers.keys(), ...this.#levels.keys()]);
    return [...names].sort().map((logger) => ({ logger, level: this.level(logger) }));
  }

  /** Emits a record if `logger`'s level allows it. */
  emit(logger: string, level: LogLevel, msg: string, fields: LogFields = {}): void {
    if (!this.enabled(logger, level)) return;
    this.#sink.write({ time: this.#clock.now(), level, logger, msg, fields });
  }

  /** Whether `logger` emits `level`. */
  enabled(logger: string, level: LogLevel): boolean {
    return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(this.level(logger));
  }
}

/** A named logger writing through its registry. */
class RegistryLogger implements Logger {
  constructor(private readonly registry: LogRegistry, readonly name: string) {}
  debug(msg: string, fields?: LogFields): void {
    this.registry.emit(this.name, 'debug', msg, fields);
  }
  info(msg: string, fields?: LogFields): void {
    this.registry.emit(this.name, 'info', msg, fields);
  }
  warn(msg: string, fields?: LogFields): void {
    this.registry.emit(this.name, 'warn', msg, fields);
  }
  error(msg: string, fields?: LogFields): void {
    this.registry.emit(this.name, 'error', msg, fields);
  }
  enabled(level: LogLevel): boolean {
    return this.registry.enabled(this.name, level);
  }
  child(suffix: string): Logger {
    return this.registry.logger(`${this.name}.${suffix}`);
  }
}
