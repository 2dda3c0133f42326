/**
 * @module How the vpp plugin lives with a socket connection: build the adapter from config
 * (definitions read at run time), keep trying to reach VPP at start-up for a while, and follow
 * the connection afterwards: when VPP goes away the agent is not ready and outstanding calls
 * fail at once; when it is back, a full resync restores everything (an empty, restarted VPP gets
 * the whole configuration; a VPP that kept its state gets only the difference).
 */
import type { Clock } from '../../../core/clock.ts';
import type { Logger } from '../../../core/log/logger.ts';
import type { StatusReporter } from '../../../core/status/agent-status.ts';
import { errorToJSON } from '../../../core/errors.ts';
import type { AdapterChannel, ChannelTimers } from '../channel.ts';
import { loadApiDefinitions, SHIPPED_API_DIR } from './api-definitions-loader.ts';
import { backoffDelay } from './reconnect-backoff.ts';
import { SocketAdapter } from './socket-adapter.ts';
import type { SocketConfig } from './socket-config.ts';

/** Runtime inputs of {@linkcode createSocketAdapter}. */
export interface SocketAdapterDeps {
  readonly timers: ChannelTimers;
  readonly clock: Clock;
  readonly log: Logger;
}

/**
 * A {@linkcode SocketAdapter} for `config` (not connected), its definitions loaded from
 * `config.apiDir` (`shipped` = the set shipped with contiv-ts).
 * @throws {ApiDefinitionError} When the definition directory cannot be read.
 */
export async function createSocketAdapter(config: SocketConfig, deps: SocketAdapterDeps): Promise<SocketAdapter> {
  const definitions = await loadApiDefinitions(config.apiDir === 'shipped' ? SHIPPED_API_DIR : config.apiDir);
  return new SocketAdapter({
    path: config.path,
    definitions,
    handshakeTimeoutMs: config.handshakeTimeoutMs,
    reconnect: config.reconnect,
    timers: deps.timers,
    clock: deps.clock,
    log: deps.log,
  });
}

/**
 * Connects, retrying with the reconnect backoff until `config.startupWaitMs` passed (VPP may
 * start after the agent).
 * @throws {VppConnectError} The last failure, when VPP did not answer in time.
 */
export async function connectAtStartup(adapter: Pick<SocketAdapter, 'connect'>, config: SocketConfig, deps: SocketAdapterDeps): Promise<void> {
  const deadline = deps.clock.now() + config.startupWaitMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await adapter.connect();
    } catch (err: unknown) {
      const delay = backoffDelay(attempt, config.reconnect);
      if (deps.clock.now() + delay > deadline) throw err;
      deps.log.info('VPP not reachable yet, retrying', { path: config.path, attempt, delayMs: delay, error: errorToJSON(err) });
      await new Promise<void>((resolve) => deps.timers.set(delay, resolve));
    }
  }
}

/** What {@linkcode followConnection} needs from the plugin. */
export interface ConnectionFollowers {
  readonly channel: Pick<AdapterChannel, 'failOutstanding'>;
  readonly status: StatusReporter;
  /** Queues a full resync (datasync) and resolves when it ran. */
  readonly resync: (reason: string) => Promise<void>;
  readonly log: Logger;
}

/** One recovery, as reported in the plugin's status details (`vppConnection`). */
export interface RecoveryRecord {
  readonly drops: number;
  readonly lastDownMs: number;
  readonly lastAttempts: number;
  /** VPP messages sent by the resync that restored the configuration. */
  readonly lastResyncCalls: number;
}

/**
 * Makes readiness and resync follow the adapter's connection; returns the unsubscribe function.
 * @param countCalls messages sent so far (to report what a recovery cost)
 */
export function followConnection(adapter: Pick<SocketAdapter, 'name' | 'onStateChange'>, f: ConnectionFollowers, countCalls: () => number): () => void {
  let drops = 0;
  return adapter.onStateChange((e) => {
    if (e.type === 'disconnected') {
      drops++;
      const failed = f.channel.failOutstanding(e.error);
      f.log.warn('VPP went away; agent not ready until it is back', { adapter: adapter.name, failedCalls: failed });
      f.status.report('error', e.error);
    } else if (e.type === 'reconnect-failed') {
      f.log.debug('VPP still unreachable', { adapter: adapter.name, attempt: e.attempt, nextDelayMs: e.nextDelayMs });
    } else if (e.type === 'reconnected') {
      const before = countCalls();
      f.log.info('VPP is back; resyncing', { adapter: adapter.name, attempts: e.attempts, downMs: e.downMs });
      f.resync('vpp reconnected').then(
        () => {
          const record: RecoveryRecord = { drops, lastDownMs: e.downMs, lastAttempts: e.attempts, lastResyncCalls: countCalls() - before };
          f.status.details({ vppConnection: record });
          f.status.report('ok');
        },
        (err: unknown) => {
          f.log.error('resync after VPP reconnect failed', { adapter: adapter.name, error: errorToJSON(err) });
          f.status.report('error', err);
        },
      );
    }
  });
}
