/** @module BadKsrObjectsError: the stored objects one event had to skip, for the event history. */
import { ContivError } from '../../core/errors.ts';
import type { BadKsrObject } from './api.ts';

/** Some stored objects failed to decode; they were skipped and everything else was processed. */
export class BadKsrObjectsError extends ContivError {
  readonly code = 'BAD_KSR_OBJECTS';
  constructor(readonly objects: readonly BadKsrObject[]) {
    super(
      `skipped ${objects.length} bad object${objects.length === 1 ? '' : 's'}: ` +
        objects.map((o) => `${o.key}${o.field ? ` ${o.field}` : ''}: ${o.detail}`).join('; '),
    );
  }
}
