/** @module BadKsrObjectsError: the stored objects one event had to skip, for the event history. */
import { BadInputError } from '../../core/errors.ts';
import type { BadKsrObject } from './api.ts';

/**
 * Some stored objects failed to decode; they were skipped and everything else was processed.
 * A BadInputError (bad input never fails a resync), listing every skipped key with its field.
 */
export class BadKsrObjectsError extends BadInputError {
  readonly objects: readonly BadKsrObject[];
  constructor(objects: readonly BadKsrObject[]) {
    const first = objects[0];
    super(
      objects.length === 1 && first ? first.key : `${objects.length} stored objects`,
      objects.length === 1 && first ? first.field : '',
      objects.map((o) => `${objects.length === 1 ? '' : `${o.key}${o.field ? ` ${o.field}` : ''}: `}${o.detail}`).join('; '),
    );
    this.objects = objects;
  }
}
