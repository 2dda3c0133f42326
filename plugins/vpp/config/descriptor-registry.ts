/** @module DescriptorRegistry: which descriptor owns a key, and the order dumps run in. */
import type { AnyDescriptor, Descriptor } from './descriptor.ts';
import { compareKeys as cmp } from './key-order.ts';
import { DescriptorRegistrationError } from './reconciler-errors.ts';

/** The descriptors of one reconciler. */
export class DescriptorRegistry {
  readonly #byName = new Map<string, AnyDescriptor>();
  /** Longest prefix first, so `vpp/acl-interface/` wins over `vpp/acl`. */
  #byPrefix: AnyDescriptor[] = [];

  /**
   * Adds a descriptor.
   * @throws {DescriptorRegistrationError} on a duplicate name or key prefix.
   */
  register<V, M>(descriptor: Descriptor<V, M>): this {
    const d = descriptor as unknown as AnyDescriptor;
    if (this.#byName.has(d.name)) throw new DescriptorRegistrationError(d.name, 'name registered twice');
    const clash = this.#byPrefix.find((x) => x.keyPrefix === d.keyPrefix);
    if (clash) throw new DescriptorRegistrationError(d.name, `key prefix ${d.keyPrefix} already owned by ${clash.name}`);
    this.#byName.set(d.name, d);
    this.#byPrefix = [...this.#byPrefix, d].sort((a, b) => b.keyPrefix.length - a.keyPrefix.length || cmp(a.name, b.name));
    return this;
  }

  /** The descriptor owning `key` (longest matching prefix), if any. */
  forKey(key: string): AnyDescriptor | undefined {
    return this.#byPrefix.find((d) => key.startsWith(d.keyPrefix));
  }

  /** A descriptor by name. */
  get(name: string): AnyDescriptor | undefined {
    return this.#byName.get(name);
  }

  /** All descriptors, by name. */
  all(): readonly AnyDescriptor[] {
    return [...this.#byName.values()].sort((a, b) => cmp(a.name, b.name));
  }

  /**
   * Descriptors in dump order: each after those named in its `dumpAfter`, ties by name.
   * @throws {DescriptorRegistrationError} on an unknown name or a cycle in `dumpAfter`.
   */
  dumpOrder(): readonly AnyDescriptor[] {
    const out: AnyDescriptor[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (d: AnyDescriptor, path: readonly string[]): void => {
      const s = state.get(d.name);
      if (s === 'done') return;
      if (s === 'visiting') throw new DescriptorRegistrationError(d.name, `dumpAfter cycle ${[...path, d.name].join(' → ')}`);
      state.set(d.name, 'visiting');
      for (const name of [...(d.dumpAfter ?? [])].sort(cmp)) {
        const dep = this.#byName.get(name);
        if (!dep) throw new DescriptorRegistrationError(d.name, `dumpAfter names unknown descriptor ${name}`);
        visit(dep, [...path, d.name]);
      }
      state.set(d.name, 'done');
      out.push(d);
    };
    for (const d of this.all()) visit(d, []);
    return out;
  }
}

