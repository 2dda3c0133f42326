/**
 * @module Lookups descriptors share: an interface's sw_if_index by name (the interface
 * descriptor's metadata), an ACL's index by name, and the reverse maps dumps correlate with.
 */
import { ContivError } from '../../../../core/errors.ts';
import { vppKeys } from '../../model.ts';
import type { DescriptorContext } from '../descriptor.ts';
import { ACL, BRIDGE_DOMAIN, INTERFACE } from './descriptor-names.ts';

/** Metadata of a configured interface. */
export interface InterfaceMeta {
  readonly swIfIndex: number;
}

/** Metadata of a configured ACL. */
export interface AclMeta {
  readonly aclIndex: number;
}

/** Metadata of a configured bridge domain. */
export interface BridgeDomainMeta {
  readonly bdId: number;
}

/** A value's dependency is configured but its metadata is missing (a descriptor bug). */
export class MissingMetadataError extends ContivError {
  readonly code = 'VPP_MISSING_METADATA';
  constructor(readonly key: string, readonly field: string) {
    super(`${key} has no ${field} (not configured yet)`);
  }
}

function numberField(meta: unknown, field: string): number | undefined {
  if (typeof meta !== 'object' || meta === null) return undefined;
  const v = (meta as Record<string, unknown>)[field];
  return typeof v === 'number' ? v : undefined;
}

/** sw_if_index of a configured interface, or undefined. */
export function findInterfaceIndex(ctx: Pick<DescriptorContext, 'metadata'>, name: string): number | undefined {
  return numberField(ctx.metadata(vppKeys.interface(name)), 'swIfIndex');
}

/** sw_if_index of a configured interface. @throws {MissingMetadataError} */
export function interfaceIndex(ctx: Pick<DescriptorContext, 'metadata'>, name: string): number {
  const i = findInterfaceIndex(ctx, name);
  if (i === undefined) throw new MissingMetadataError(vppKeys.interface(name), 'swIfIndex');
  return i;
}

/** acl_index of a configured ACL. @throws {MissingMetadataError} */
export function aclIndex(ctx: Pick<DescriptorContext, 'metadata'>, name: string): number {
  const i = numberField(ctx.metadata(vppKeys.acl(name)), 'aclIndex');
  if (i === undefined) throw new MissingMetadataError(vppKeys.acl(name), 'aclIndex');
  return i;
}

/** bd_id of a configured bridge domain. @throws {MissingMetadataError} */
export function bridgeDomainId(ctx: Pick<DescriptorContext, 'metadata'>, name: string): number {
  const i = numberField(ctx.metadata(vppKeys.bd(name)), 'bdId');
  if (i === undefined) throw new MissingMetadataError(vppKeys.bd(name), 'bdId');
  return i;
}

/** Our interfaces: sw_if_index → name. */
export function interfaceNames(ctx: Pick<DescriptorContext, 'values'>): Map<number, string> {
  return reverse(ctx, INTERFACE, 'vpp/interface/', 'swIfIndex');
}

/** Our ACLs: acl_index → name. */
export function aclNames(ctx: Pick<DescriptorContext, 'values'>): Map<number, string> {
  return reverse(ctx, ACL, 'vpp/acl/', 'aclIndex');
}

/** Our bridge domains: bd_id → name. */
export function bridgeDomainNames(ctx: Pick<DescriptorContext, 'values'>): Map<number, string> {
  return reverse(ctx, BRIDGE_DOMAIN, 'vpp/bd/', 'bdId');
}

function reverse(ctx: Pick<DescriptorContext, 'values'>, descriptor: string, prefix: string, field: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const v of ctx.values(descriptor)) {
    const idx = numberField(v.metadata, field);
    if (idx !== undefined) out.set(idx, v.key.slice(prefix.length));
  }
  return out;
}
