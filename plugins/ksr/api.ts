/**
 * @module The ksr plugin's public face (`KSR_API`): the decoded Kubernetes state of the
 * store, and typed change notifications inside the event loop.
 */
import type { InjectionToken } from 'tsyringe';
import type { EventContext } from '../../core/datasync/datasync.ts';
import type { KsrKind, KsrKinds } from './model.ts';

/** The root of the KSR key layout in the store. */
export const KSR_PREFIX = '/vnf-agent/contiv-ksr/';

/** One decoded change of a Kubernetes object. */
export interface KsrChange<K extends KsrKind = KsrKind> {
  readonly kind: K;
  /** Full store key. */
  readonly key: string;
  /** `namespace/name` for namespaced kinds, `name` otherwise. */
  readonly id: string;
  /** Value before the change (undefined on create, or if the old value was bad). */
  readonly prev?: KsrKinds[K];
  /** Value after the change (undefined on delete, or if the new value is bad and was skipped). */
  readonly value?: KsrKinds[K];
}

/** Handles the decoded changes of one store revision (one event), in subscription order. */
export type KsrChangeHandler = (changes: readonly KsrChange[], ctx: EventContext) => Promise<void> | void;

/** A stored object that failed to decode: skipped, reported with key and field. */
export interface BadKsrObject {
  readonly key: string;
  readonly field: string;
  readonly detail: string;
}

/**
 * What the ksr plugin offers. Its own resync runs before its subscribers' (they depend on
 * it), so in a subscriber's `resync` hook `list()` already returns the complete state.
 */
export interface KsrApi {
  /** All valid objects of a kind, sorted by id. */
  list<K extends KsrKind>(kind: K): readonly KsrKinds[K][];
  /** One object by id (`namespace/name` or `name`). */
  get<K extends KsrKind>(kind: K, id: string): KsrKinds[K] | undefined;
  /**
   * Subscribes `owner` to changes of `kinds`. Call during `init`. Handlers run inside the
   * event loop in subscription (= plugin dependency) order; not called for resync (use the
   * plugin's `resync` hook and `list()`).
   */
  subscribe(owner: string, kinds: readonly KsrKind[], handler: KsrChangeHandler): void;
  /** Objects currently skipped because they failed to decode, sorted by key. */
  badObjects(): readonly BadKsrObject[];
}

/** Token of the ksr plugin's API. */
export const KSR_API: InjectionToken<KsrApi> = Symbol('ksr.KsrApi');
