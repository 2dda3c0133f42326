import { describe, expect, it } from 'vitest';
import { ConnectionState } from '../../../../core/kv/connection-state.ts';
import type { KvConnectionState } from '../../../../core/kv/key-value-store.ts';

describe('ConnectionState', () => {
  it('reports only edges, and probes while down until the backend answers', async () => {
    let answers = false;
    let probes = 0;
    const c = new ConnectionState({ probe: async () => { probes++; if (!answers) throw new Error('down'); }, probeIntervalMs: 5 });
    const seen: KvConnectionState[] = [];
    c.subscribe((s) => seen.push(s));
    c.up();
    c.down();
    c.down();
    await new Promise((r) => setTimeout(r, 30));
    expect(seen).toEqual(['disconnected']);
    answers = true;
    while (c.state !== 'connected') await new Promise((r) => setTimeout(r, 5));
    expect(seen).toEqual(['disconnected', 'connected']);
    expect(probes).toBeGreaterThan(1);
    c.stop();
    c.down();
    expect(seen).toHaveLength(2);
  });
});
