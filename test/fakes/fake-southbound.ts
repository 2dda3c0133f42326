/**
 * @module A recording southbound and fake descriptors for reconciler tests: objects live in a
 * map keyed by their tag, every call is logged (`create k`, `update k`, `delete k`, `dump d`),
 * and `failNext` makes the next call on a key fail.
 */
import { BadInputError } from '../../core/errors.ts';
import type { Dependency, Descriptor, DescriptorContext, KeyValue } from '../../plugins/vpp/config/descriptor.ts';

/** The value of fake kinds: dependencies and derived children are named in the value itself. */
export interface FakeValue {
  readonly data: string;
  /** Keys this value depends on. */
  readonly deps?: readonly string[];
  /** Derived values: key → data. */
  readonly children?: Readonly<Record<string, string>>;
  /** Group (see Descriptor.group). */
  readonly group?: string;
}

/** Metadata of fake objects: the index the southbound allocated. */
export interface FakeMeta {
  readonly id: number;
}

/** One object the fake southbound holds. */
export interface FakeObject {
  readonly kind: string;
  readonly value: FakeValue;
  readonly id: number;
  /** Objects without a tag are foreign. */
  readonly tag?: string;
}

/** A fake VPP: objects by id, a call log, planned failures. */
export class FakeSouthbound {
  readonly objects = new Map<number, FakeObject>();
  readonly calls: string[] = [];
  /** What the descriptors saw in their group when called: `key: groupKeys`. */
  readonly groupViews: string[] = [];
  #nextId = 1;
  readonly #failures: { op: string; key: string; error: Error; times: number }[] = [];

  /** Makes the next `times` calls of `op` on `key` (a descriptor name for dumps) fail with `error`. */
  failNext(op: 'create' | 'update' | 'delete' | 'dump', key: string, times = 1, error: Error = new Error('simulated failure')): void {
    this.#failures.push({ op, key, error, times });
  }

  /** Puts an object straight into the southbound (as if created earlier, or by someone else). */
  seed(kind: string, value: FakeValue, tag?: string): number {
    const id = this.#nextId++;
    this.objects.set(id, { kind, value, id, ...(tag === undefined ? {} : { tag }) });
    return id;
  }

  /** The object tagged `key`. */
  byTag(key: string): FakeObject | undefined {
    return [...this.objects.values()].find((o) => o.tag === key);
  }

  /** Records a call and throws a planned failure. */
  call(op: string, key: string): void {
    this.calls.push(`${op} ${key}`);
    const f = this.#failures.find((x) => x.op === op && x.key === key && x.times > 0);
    if (f) {
      f.times--;
      throw f.error;
    }
  }

  /** Allocates an id. */
  allocate(): number {
    return this.#nextId++;
  }
}

/** Options of {@linkcode fakeDescriptor}. */
export interface FakeDescriptorOptions {
  readonly name: string;
  readonly keyPrefix: string;
  /** Whether the kind can be updated in place. @default true */
  readonly update?: boolean;
  /** Changes of `data` starting with `!` need a recreate. */
  readonly recreateOnBang?: boolean;
  readonly dump?: boolean;
  readonly dumpAfter?: readonly string[];
  /** Values whose data is `bad` are rejected. */
  readonly validate?: boolean;
}

/** A descriptor of one fake kind over `sb`. */
export function fakeDescriptor(sb: FakeSouthbound, o: FakeDescriptorOptions): Descriptor<FakeValue, FakeMeta> {
  const seeGroup = (key: string, value: FakeValue, ctx: DescriptorContext): void => {
    if (value.group !== undefined) sb.groupViews.push(`${key}: ${ctx.group(value.group).map((v) => v.key).join(',')}`);
  };
  const d: Descriptor<FakeValue, FakeMeta> = {
    name: o.name,
    keyPrefix: o.keyPrefix,
    ...(o.dumpAfter ? { dumpAfter: o.dumpAfter } : {}),
    dependencies: (_key, v): Dependency[] => (v.deps ?? []).map((key) => ({ label: 'needs', key })),
    derived: (_key, v): KeyValue[] => Object.entries(v.children ?? {}).map(([key, data]) => ({ key, value: { data } })),
    group: (_key, v) => v.group,
    async create(key, value, ctx) {
      sb.call('create', key);
      seeGroup(key, value, ctx);
      const id = sb.allocate();
      sb.objects.set(id, { kind: o.name, value, id, tag: key });
      return { id };
    },
    async delete(key, value, meta, ctx) {
      sb.call('delete', key);
      seeGroup(key, value, ctx);
      if (!sb.objects.delete(meta.id)) throw new Error(`no object ${meta.id}`);
    },
  };
  const withUpdate: Descriptor<FakeValue, FakeMeta> =
    o.update === false
      ? d
      : {
          ...d,
          async update(key, value, _applied, meta) {
            sb.call('update', key);
            const obj = sb.objects.get(meta.id);
            if (!obj) throw new Error(`no object ${meta.id}`);
            sb.objects.set(meta.id, { ...obj, value });
            return meta;
          },
        };
  return {
    ...withUpdate,
    ...(o.recreateOnBang ? { recreate: (_k: string, desired: FakeValue) => desired.data.startsWith('!') } : {}),
    ...(o.validate
      ? {
          validate: (key: string, v: FakeValue) => {
            if (v.data === 'bad') throw new BadInputError(key, 'data', 'must not be "bad"');
          },
        }
      : {}),
    ...(o.dump
      ? {
          async dump(ctx) {
            sb.call('dump', o.name);
            const ours = [];
            const foreign = [];
            for (const obj of [...sb.objects.values()].filter((x) => x.kind === o.name)) {
              if (obj.tag !== undefined && obj.tag.startsWith(o.keyPrefix)) ours.push({ key: obj.tag, value: obj.value, metadata: { id: obj.id } });
              else if (obj.tag === undefined && ctx.claimed(`${o.keyPrefix}${obj.value.data}`)) {
                ours.push({ key: `${o.keyPrefix}${obj.value.data}`, value: obj.value, metadata: { id: obj.id } });
              } else foreign.push(`${o.name} ${obj.id}`);
            }
            return { ours, foreign };
          },
        }
      : {}),
  };
}

/** Calls that change the southbound (everything but dumps). */
export function changingCalls(sb: FakeSouthbound): string[] {
  return sb.calls.filter((c) => !c.startsWith('dump '));
}
