import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../../core/clock.ts';
import type { PluginState, StatusReporter } from '../../../../../core/status/agent-status.ts';
import { RecordingLogger } from '../../../../../core/testing/recording-logger.ts';
import { SOCKET_CONFIG_DEFAULTS } from '../../../../../plugins/vpp/socket/socket-config.ts';
import type { SocketAdapterEvent } from '../../../../../plugins/vpp/socket/socket-adapter.ts';
import { connectAtStartup, createSocketAdapter, followConnection } from '../../../../../plugins/vpp/socket/socket-link.ts';
import { VppConnectError, VppConnectionLostError } from '../../../../../plugins/vpp/socket/socket-errors.ts';
import { ManualTimers } from '../../../../fakes/vpp-manual-timers.ts';

class RecordingStatus implements StatusReporter {
  readonly states: PluginState[] = [];
  details_: Record<string, unknown> = {};
  report(state: PluginState): void {
    this.states.push(state);
  }
  details(d: Readonly<Record<string, unknown>>): void {
    this.details_ = { ...this.details_, ...d };
  }
}

function emitter() {
  let listener: ((e: SocketAdapterEvent) => void) | undefined;
  return {
    name: 'socket:/test.sock',
    onStateChange(l: (e: SocketAdapterEvent) => void) {
      listener = l;
      return () => {
        listener = undefined;
      };
    },
    emit: (e: SocketAdapterEvent) => listener?.(e),
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('followConnection', () => {
  it('followConnection() fails outstanding calls and reports error on a drop, resyncs and reports ok with the recovery on reconnect', async () => {
    const adapter = emitter();
    const status = new RecordingStatus();
    const failed: Error[] = [];
    const resyncs: string[] = [];
    let calls = 10;
    followConnection(
      adapter,
      {
        channel: { failOutstanding: (e) => (failed.push(e), 2) },
        status,
        resync: async (reason) => {
          resyncs.push(reason);
          calls += 7;
        },
        log: new RecordingLogger(),
      },
      () => calls,
    );
    const error = new VppConnectionLostError('socket:/test.sock', 'socket closed by VPP');
    adapter.emit({ type: 'disconnected', error });
    expect(failed).toEqual([error]);
    expect(status.states).toEqual(['error']);
    adapter.emit({ type: 'reconnect-failed', attempt: 1, error: new Error('ENOENT'), nextDelayMs: 200 });
    adapter.emit({ type: 'reconnected', attempts: 2, downMs: 350, compatibility: { missing: [], crcMismatch: [] } });
    await flush();
    expect(resyncs).toEqual(['vpp reconnected']);
    expect(status.states).toEqual(['error', 'ok']);
    expect(status.details_).toEqual({ vppConnection: { drops: 1, lastDownMs: 350, lastAttempts: 2, lastResyncCalls: 7 } });
  });

  it('followConnection() reports error when the resync after a reconnect fails', async () => {
    const adapter = emitter();
    const status = new RecordingStatus();
    followConnection(adapter, { channel: { failOutstanding: () => 0 }, status, resync: () => Promise.reject(new Error('boom')), log: new RecordingLogger() }, () => 0);
    adapter.emit({ type: 'reconnected', attempts: 1, downMs: 5, compatibility: { missing: [], crcMismatch: [] } });
    await flush();
    expect(status.states).toEqual(['error']);
  });

  it('followConnection() stops following when unsubscribed', () => {
    const adapter = emitter();
    const status = new RecordingStatus();
    const stop = followConnection(adapter, { channel: { failOutstanding: () => 0 }, status, resync: async () => {}, log: new RecordingLogger() }, () => 0);
    stop();
    adapter.emit({ type: 'disconnected', error: new VppConnectionLostError('x', 'y') });
    expect(status.states).toEqual([]);
  });
});

describe('connectAtStartup', () => {
  const deps = () => ({ timers: new ManualTimers(), clock: new ManualClock(0), log: new RecordingLogger() });

  it('connectAtStartup() retries with the backoff until VPP answers', async () => {
    const d = deps();
    let attempts = 0;
    const adapter = {
      connect: async () => {
        attempts++;
        if (attempts < 3) throw new VppConnectError('/x.sock', 'ENOENT');
      },
    };
    const done = connectAtStartup(adapter, { ...SOCKET_CONFIG_DEFAULTS, startupWaitMs: 10_000 }, d);
    for (const delay of [100, 200]) {
      await flush();
      d.clock.advance(delay);
      d.timers.advance(delay);
    }
    await done;
    expect(attempts).toBe(3);
  });

  it('connectAtStartup() gives up with the last error once the wait is over', async () => {
    const d = deps();
    let attempts = 0;
    const adapter = {
      connect: () => {
        attempts++;
        return Promise.reject(new VppConnectError('/x.sock', `attempt ${attempts}`));
      },
    };
    await expect(connectAtStartup(adapter, { ...SOCKET_CONFIG_DEFAULTS, startupWaitMs: 0 }, d)).rejects.toThrow('attempt 1');
    expect(attempts).toBe(1);
  });
});

describe('createSocketAdapter', () => {
  it('createSocketAdapter() loads the shipped definitions for apiDir "shipped" and targets the configured path', async () => {
    const d = deps2();
    const adapter = await createSocketAdapter({ ...SOCKET_CONFIG_DEFAULTS, path: '/tmp/none.sock', apiDir: 'shipped' }, d);
    expect(adapter.name).toBe('socket:/tmp/none.sock');
    expect(adapter.state).toBe('idle');
  });

  it('createSocketAdapter() fails naming a definition directory that does not exist', async () => {
    await expect(createSocketAdapter({ ...SOCKET_CONFIG_DEFAULTS, apiDir: '/nonexistent/api' }, deps2())).rejects.toThrow(/\/nonexistent\/api/);
  });

  function deps2() {
    return { timers: new ManualTimers(), clock: new ManualClock(0), log: new RecordingLogger() };
  }
});
