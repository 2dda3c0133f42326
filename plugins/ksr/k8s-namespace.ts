/** @module Namespace (core/v1) JSON → model. Pure. */
import { z } from 'zod';
import type { Namespace } from './model.ts';
import { decodeLabels, metaSchema } from './k8s-common.ts';
import { parseWith } from './zod-issue.ts';

/** The Namespace fields the agent reads. */
export const namespaceSchema = z.looseObject({ metadata: metaSchema });

/** Decodes a Namespace. @throws {BadInputError} naming `source` and the field */
export function decodeNamespace(json: unknown, source: string): Namespace {
  const ns = parseWith(namespaceSchema, json, source);
  return { name: ns.metadata.name, labels: decodeLabels(ns.metadata.labels, source, 'metadata.labels') };
}
