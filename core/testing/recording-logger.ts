/** @module RecordingLogger: a Logger and LogSink that keeps every record, for assertions in tests. */
import type { Clock } from '../clock.ts';
import type { LogRecord, LogSink } from '../log/log-sink.ts';
import type { LogFields, Logger, LogLevel } from '../log/logger.ts';

/** Which records to select; every given field must match. */
export interface RecordFilter {
  readonly level?: LogLevel;
  /** Exact logger name. */
  readonly logger?: string;
  readonly msg?: string;
}

/**
 * Keeps log records in memory. Use it as a `Logger` for a pure module, or as the agent's
 * `LogSink` (TestAgent does) to see what every plugin logged. Children share the records.
 * @example
 * const log = new RecordingLogger();
 * new PolicyPipeline(log).apply(changes);
 * expect(log.messages({ level: 'warn' })).toEqual(['skipped bad object']);
 */
export class RecordingLogger implements Logger, LogSink {
  /**
   * @param name logger name of records written through the Logger methods
   * @param records the shared record list (children pass their parent's)
   * @param clock timestamps; without one every record has time 0, so records compare equal across runs
   */
  constructor(
    readonly name = 'test',
    readonly records: LogRecord[] = [],
    private readonly clock: Clock = { now: () => 0 },
  ) {}

  /** LogSink: keeps a record emitted by an agent's logger. */
  write(record: LogRecord): void {
    this.records.push(record);
  }

  debug(msg: string, fields?: LogFields): void {
    this.#add('debug', msg, fields);
  }
  info(msg: string, fields?: LogFields): void {
    this.#add('info', msg, fields);
  }
  warn(msg: string, fields?: LogFields): void {
    this.#add('warn', msg, fields);
  }
  error(msg: string, fields?: LogFields): void {
    this.#add('error', msg, fields);
  }
  /** Records everything. */
  enabled(): boolean {
    return true;
  }
  /** A logger `<name>.<suffix>` writing into the same records. */
  child(suffix: string): Logger {
    return new RecordingLogger(`${this.name}.${suffix}`, this.records, this.clock);
  }

  /** The records matching `filter`, oldest first. */
  filter(filter: RecordFilter = {}): LogRecord[] {
    return this.records.filter(
      (r) =>
        (filter.level === undefined || r.level === filter.level) &&
        (filter.logger === undefined || r.logger === filter.logger) &&
        (filter.msg === undefined || r.msg === filter.msg),
    );
  }

  /** The messages of the records matching `filter`, oldest first. */
  messages(filter: RecordFilter = {}): string[] {
    return this.filter(filter).map((r) => r.msg);
  }

  #add(level: LogLevel, msg: string, fields: LogFields = {}): void {
    this.records.push({ time: this.clock.now(), level, logger: this.name, msg, fields });
  }
}
