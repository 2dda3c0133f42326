/** @module badInputOf(): the BadInputError a call throws, for tests of error messages. */
import { BadInputError } from '../../core/errors.ts';

/**
 * Runs `f` and returns the {@link BadInputError} it throws; other errors propagate.
 * @throws {Error} When `f` returns normally.
 */
export function badInputOf(f: () => unknown): BadInputError {
  try {
    f();
  } catch (err: unknown) {
    if (err instanceof BadInputError) return err;
    throw err;
  }
  throw new Error('expected a BadInputError');
}
