/** @module ResyncFailedError: a resync that did not reach every plugin. */
import { ContivError } from '../errors.ts';

/**
 * A resync failed: the store could not be read (no plugin was resynced; it is retried), or
 * some plugins' resync hooks failed (the others were resynced). Bad input never fails a resync.
 */
export class ResyncFailedError extends ContivError {
  readonly code = 'RESYNC_FAILED';
  /**
   * @param reason why the resync ran
   * @param plugins the plugins whose resync failed (`datasync` when the store could not be read)
   */
  constructor(readonly reason: string, readonly plugins: readonly string[], options?: ErrorOptions) {
    super(
      plugins.length === 1 && plugins[0] === 'datasync'
        ? `resync (${reason}) failed: the store could not be read`
        : `resync (${reason}) failed in ${plugins.map((p) => `"${p}"`).join(', ')}`,
      options,
    );
  }
}
