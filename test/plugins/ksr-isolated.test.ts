import { inject } from 'tsyringe';
import { afterEach, describe, expect, it } from 'vitest';
import { plugin, type Plugin } from '../../core/plugin.ts';
import { FakeDatasync } from '../../core/testing/fake-datasync.ts';
import { TestAgent, type StartedTestAgent } from '../../core/testing/test-agent.ts';
import { DATASYNC } from '../../core/tokens.ts';
import { KSR_API, type KsrApi, type KsrChange } from '../../plugins/ksr/api.ts';
import { ksrKey } from '../../plugins/ksr/keys.ts';
import { KsrPlugin } from '../../plugins/ksr/ksr-plugin.ts';

@plugin({ name: 'watcher' })
class Watcher implements Plugin {
  readonly name = 'watcher';
  readonly seen: string[] = [];
  constructor(@inject(KSR_API) private readonly ksr: KsrApi) {}
  init(): void {
    this.ksr.subscribe(this.name, ['namespace'], (changes: readonly KsrChange[]) => {
      for (const c of changes) this.seen.push(`${c.id}:${c.value ? 'set' : 'gone'}`);
    });
  }
}

describe('KsrPlugin with a FakeDatasync', () => {
  let t: StartedTestAgent;
  afterEach(async () => t?.close());

  it('resyncs from the fake\'s keys and delivers decoded changes to subscribers, recording bad ones', async () => {
    const sync = new FakeDatasync({ [ksrKey('namespace', 'a')]: '{"metadata":{"name":"a"}}' });
    t = await TestAgent.for(KsrPlugin, Watcher).override(DATASYNC).useValue(sync).start();
    const ksr = t.get(KSR_API);
    expect(ksr.list('namespace').map((n) => n.name)).toEqual(['a']);
    await sync.put(ksrKey('namespace', 'b'), '{"metadata":{"name":"b","labels":{"env":"x"}}}');
    const bad = await sync.put(ksrKey('namespace', 'a'), '{"metadata":{"name":"a","labels":{"env":"?"}}}');
    expect(t.plugin(Watcher).seen).toEqual(['b:set', 'a:gone']);
    expect(bad.outcome).toBe('error');
    expect(bad.errors).toMatchObject([{ plugin: 'ksr', error: { code: 'BAD_INPUT', objects: [{ key: ksrKey('namespace', 'a'), field: 'metadata.labels.env' }] } }]);
  });
});
