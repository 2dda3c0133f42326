/** @module EventHistory: the last N handled events with their outcome (served at `GET /events`). */
import type { EventRecord } from './datasync.ts';

/** A ring of event records, oldest first. */
export class EventHistory {
  #records: EventRecord[] = [];

  /** @param limit records kept (older ones are dropped) */
  constructor(private readonly limit: number) {}

  /** Adds a record, dropping the oldest beyond the limit. */
  add(record: EventRecord): void {
    this.#records.push(record);
    if (this.#records.length > this.limit) this.#records.splice(0, this.#records.length - this.limit);
  }

  /** The kept records, oldest first. */
  list(): readonly EventRecord[] {
    return [...this.#records];
  }
}
