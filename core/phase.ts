/** @module runPhase(): one plugin hook under a deadline; failures name the plugin and the phase. */
import { PhaseTimeoutError, PluginPhaseError, type HostPhase } from './errors.ts';

/**
 * Runs `hook` (a plugin's constructor or lifecycle hook) and waits at most `timeoutMs`.
 * A hook that hangs is not cancelled (JavaScript cannot), but the host stops waiting for it.
 * @returns how long the hook took, in milliseconds
 * @throws {PhaseTimeoutError} If the hook did not settle within `timeoutMs`.
 * @throws {PluginPhaseError} If the hook threw or rejected (the error is its `cause`).
 * @example const ms = await runPhase('policy', 'init', () => policy.init?.(), 15_000);
 */
export async function runPhase(
  plugin: string,
  phase: HostPhase,
  hook: () => Promise<void> | void,
  timeoutMs: number,
): Promise<number> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PhaseTimeoutError(plugin, phase, timeoutMs)), timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(hook), deadline]);
  } catch (err: unknown) {
    // Our own deadline, or a hook driving other plugins (datasync's resync) that already named one.
    if (namesPluginPhase(err)) throw err;
    throw new PluginPhaseError(plugin, phase, { cause: err });
  } finally {
    clearTimeout(timer);
  }
  return performance.now() - started;
}

/** Whether `err` already names a plugin and phase (so callers do not wrap it again). */
export function namesPluginPhase(err: unknown): err is PluginPhaseError | PhaseTimeoutError {
  return err instanceof PluginPhaseError || err instanceof PhaseTimeoutError;
}
