/** @module The console logger: one line per record on stderr (time, level, logger, message, JSON fields). */
import { errorToJSON } from '../errors.ts';
import type { LogRecord, LogSink } from './log-sink.ts';

/**
 * Formats a record as one line: `2025-01-02T03:04:05.678Z INFO  policy: table added {"id":"t1"}`.
 * Errors among the fields are written as their JSON (code, context, cause).
 */
export function formatLogLine(record: LogRecord): string {
  const level = record.level.toUpperCase().padEnd(5);
  const fields = Object.keys(record.fields).length === 0 ? '' : ` ${fieldsJSON(record.fields)}`;
  return `${new Date(record.time).toISOString()} ${level} ${record.logger}: ${record.msg}${fields}`;
}

function fieldsJSON(fields: LogRecord['fields']): string {
  try {
    return JSON.stringify(fields, (_key, value: unknown) => (value instanceof Error ? errorToJSON(value) : value));
  } catch {
    // A cyclic or otherwise unserialisable field must not take the log line with it.
    return '{"fields":"<unserialisable>"}';
  }
}

/** Writes every record to stderr, one line each. */
export const consoleLogSink: LogSink = {
  write(record: LogRecord): void {
    console.error(formatLogLine(record));
  },
};
