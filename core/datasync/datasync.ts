/** @module Datasync: the one event loop every input passes through, and resync. */
import type { KvChange } from '../kv/key-value-store.ts';
import type { Snapshot } from '../snapshot.ts';

/** What an event handler learns about the event being handled. */
export interface EventContext {
  /** Sequence number of the event in this agent. */
  readonly seq: number;
  /** `kv` (store changes), `resync`, or the name of a pushed event (`cni-add`, `dhcp-lease`, ...). */
  readonly kind: string;
  /** True while a full resync is being handled (every plugin re-states its complete state). */
  readonly isResync: boolean;
  /**
   * Plugins whose handler or resync hook failed so far in this event (bad input excluded).
   * End-of-event hooks read it: after a failed resync hook, the state that plugin did not
   * re-state must not be taken as "no longer wanted".
   */
  readonly failedPlugins?: readonly string[];
}

/** A handler of store changes for one plugin's prefixes; all changes of one revision at once. */
export type ChangeHandler = (changes: readonly KvChange[], ctx: EventContext) => Promise<void> | void;

/** Runs after every event's handlers (in plugin order), e.g. to commit the VPP transaction. */
export type EventEndHook = (ctx: EventContext) => Promise<void> | void;

/** Outcome of one handled event, as kept in the history (`GET /events`). */
export interface EventRecord {
  readonly seq: number;
  readonly kind: string;
  /** Short description: keys changed, pod name, resync reason. */
  readonly summary: string;
  readonly startedAt: number;
  readonly durationMs: number;
  /** `ok`, or `error` when a handler failed (the event still completed for the others). */
  readonly outcome: 'ok' | 'error';
  /** Errors by plugin, as JSON. */
  readonly errors: readonly { readonly plugin: string; readonly error: Record<string, unknown> }[];
}

/** The event loop and resync orchestration, provided by the datasync plugin as `DATASYNC`. */
export interface Datasync {
  /**
   * Registers `owner`'s interest in key `prefixes` (absolute keys, e.g.
   * `/vnf-agent/contiv-ksr/k8s/pod/`). Call during `init`. The owner's `resync` hook receives a
   * snapshot of these prefixes; `handler` receives later changes.
   */
  watch(owner: string, prefixes: readonly string[], handler: ChangeHandler): void;
  /** Registers a hook run at the end of every event (in plugin order). Call during `init`. */
  onEventEnd(owner: string, hook: EventEndHook): void;
  /**
   * Queues a custom event (CNI request, VPP event, timer). `run` executes inside the loop,
   * strictly after every earlier event; the end-of-event hooks run after it. Resolves with
   * `run`'s result once the whole event (including hooks) completed; rejects with its error.
   */
  push<T>(kind: string, summary: string, run: (ctx: EventContext) => Promise<T> | T): Promise<T>;
  /** Queues a full resync (re-reads the store, calls every plugin's `resync`). */
  resync(reason: string): Promise<void>;
  /** The last events, oldest first. */
  history(): readonly EventRecord[];
  /** Reads a snapshot of the given prefixes now (outside the loop; for tools). */
  snapshot(prefixes: readonly string[], reason: string): Promise<Snapshot>;
}
