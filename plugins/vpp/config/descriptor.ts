/**
 * @module The descriptor contract: what the reconciler knows about one kind of value.
 *
 * A descriptor is a record (after vpp-agent's KVDescriptor). Leaving a callback out has a
 * documented meaning: no `update` = delete + create, no `dump` = the reconciler trusts its own
 * view on resync (a kind VPP cannot list should rather dump what other dumps prove of it), no
 * `dependencies` = none, no `derived` = none, no `equivalent` = structural equality. Callbacks
 * are written as methods so a `Descriptor<Acl, AclMeta>` can be registered where a
 * `Descriptor<unknown, unknown>` is expected.
 */

/** A key that must be configured before a value can be created (labelled for humans). */
export interface Dependency {
  /** Why the value waits (`interface-exists`, `acl-exists`). */
  readonly label: string;
  readonly key: string;
}

/** A key with its value. */
export interface KeyValue<V = unknown> {
  readonly key: string;
  readonly value: V;
}

/** A value the reconciler holds as configured in VPP, with the descriptor's runtime data. */
export interface AppliedValue<V = unknown, M = unknown> {
  readonly key: string;
  readonly value: V;
  /** What `create`/`update`/`dump` returned (e.g. `{ swIfIndex }`). */
  readonly metadata: M;
  /** Name of the descriptor owning the key. */
  readonly descriptor: string;
  /** Dependencies of the applied value (for delete ordering). */
  readonly deps: readonly Dependency[];
  /** Group of the value (see {@linkcode Descriptor.group}). */
  readonly group?: string;
}

/** One of our objects found in VPP by a dump. */
export interface DumpedValue<V, M> {
  readonly key: string;
  readonly value: V;
  readonly metadata: M;
}

/** What a dump found: our objects (correlated to keys) and foreign ones (left alone). */
export interface DumpResult<V, M> {
  readonly ours: readonly DumpedValue<V, M>[];
  /** Human-readable descriptions of objects that are not ours (`acl 3 tag ""`). */
  readonly foreign: readonly string[];
}

/** Read access to what is configured, for descriptors that need other values' metadata. */
export interface DescriptorContext {
  /** Metadata of a configured key, `undefined` when it is not configured. */
  metadata(key: string): unknown;
  /** Configured values of one group, sorted by key. */
  group(group: string): readonly AppliedValue[];
  /** Configured values of one descriptor, sorted by key. */
  values(descriptor: string): readonly AppliedValue[];
}

/** What a dump may consult besides the state dumped so far. */
export interface DumpContext extends DescriptorContext {
  /**
   * Whether the reconciler claims `key` (it is desired, or it was applied by us before).
   * Objects VPP cannot tag (routes, neighbours, NAT pool addresses and features) count as
   * ours only when claimed; tagged objects are ours by their tag.
   */
  claimed(key: string): boolean;
  /**
   * The desired value of `key`, if any. A dump copies from it what VPP cannot report (an
   * interface's unnumbered source, a tap's gateway), as KVScheduler's `Retrieve(correlate)`.
   */
  correlate(key: string): unknown;
  /** Desired base keys under `prefix`, sorted (what a dump without a VPP listing can look for). */
  desiredKeys(prefix: string): readonly string[];
  /**
   * What the reconciler held of `key` before this resync (nothing after an agent restart):
   * a kind VPP cannot list infers from it together with what the other dumps found.
   */
  previous(key: string): AppliedValue | undefined;
}

/**
 * Teaches the reconciler one kind of value under `keyPrefix` (longest prefix wins).
 * @typeParam V the value type
 * @typeParam M the metadata type (`void` when the kind has none)
 */
export interface Descriptor<V, M = void> {
  /** `vpp-<kind>`. */
  readonly name: string;
  /** Keys this descriptor owns (`vpp/acl/`); an exact key (`vpp/nat/global`) also works. */
  readonly keyPrefix: string;
  /** Descriptors whose dumps must run before this one (their metadata correlates ours). */
  readonly dumpAfter?: readonly string[];
  /** Rejects values that cannot be applied. @throws {BadInputError} naming the key and field. */
  validate?(key: string, value: V): void;
  /** Semantic equality of the desired value and the applied (possibly dumped) one. */
  equivalent?(key: string, desired: V, applied: V): boolean;
  /** True when turning `applied` into `desired` needs delete + create although `update` exists. */
  recreate?(key: string, desired: V, applied: V): boolean;
  /** Creates the value in VPP; returns its metadata. */
  create(key: string, value: V, ctx: DescriptorContext): Promise<M>;
  /** Changes the value in place; returns the new metadata. Absent: delete + create. */
  update?(key: string, desired: V, applied: V, metadata: M, ctx: DescriptorContext): Promise<M>;
  /** Removes the value from VPP. */
  delete(key: string, value: V, metadata: M, ctx: DescriptorContext): Promise<void>;
  /** Reads what VPP really holds of this kind. */
  dump?(ctx: DumpContext): Promise<DumpResult<V, M>>;
  /** Keys that must be configured before the value can be created. */
  dependencies?(key: string, value: V): readonly Dependency[];
  /** Values derived from this one (each handled by its own descriptor, living with this one). */
  derived?(key: string, value: V): readonly KeyValue[];
  /** Groups values that are applied together (the ACL list of one interface); undefined = none. */
  group?(key: string, value: V): string | undefined;
  /** Whether a failure is worth retrying. @default every failure except bad input */
  retriable?(err: unknown): boolean;
}

/** A descriptor of any kind, as the registry holds it. */
export type AnyDescriptor = Descriptor<unknown, unknown>;
