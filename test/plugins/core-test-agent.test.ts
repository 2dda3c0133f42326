import { inject, type InjectionToken } from 'tsyringe';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Datasync } from '../../core/datasync/datasync.ts';
import { PluginPhaseError, UnexpectedCallError } from '../../core/errors.ts';
import type { HttpRoutes } from '../../core/http/http-routes.ts';
import type { KeyValueStore } from '../../core/kv/key-value-store.ts';
import type { Logger } from '../../core/log/logger.ts';
import { plugin, pluginConfig, type Plugin } from '../../core/plugin.ts';
import type { Snapshot } from '../../core/snapshot.ts';
import { FakeDatasync } from '../../core/testing/fake-datasync.ts';
import { TestAgent } from '../../core/testing/test-agent.ts';
import { DATASYNC, HTTP_ROUTES, KV_STORE, LOGGER } from '../../core/tokens.ts';

const PREFIX = '/test/greetings/';
interface GreeterSettings {
  punctuation: string;
}
const GREETER_CONFIG: InjectionToken<GreeterSettings> = Symbol('test.GreeterConfig');
const greeterSchema = z.object({ punctuation: z.string().default('.') }).strict();

/** A plugin under test: watches greetings, serves them, reads the store only when asked to. */
@plugin({ name: 'greeter', config: pluginConfig(GREETER_CONFIG, greeterSchema) })
class GreeterPlugin implements Plugin {
  readonly name = 'greeter';
  readonly greetings = new Map<string, string>();
  constructor(
    @inject(DATASYNC) private readonly sync: Datasync,
    @inject(KV_STORE) private readonly store: KeyValueStore,
    @inject(HTTP_ROUTES) private readonly routes: HttpRoutes,
    @inject(LOGGER) private readonly log: Logger,
    @inject(GREETER_CONFIG) private readonly config: GreeterSettings,
  ) {}
  init(): void {
    this.sync.watch(this.name, [PREFIX], (changes) => {
      for (const c of changes) {
        if (c.value === 'boom') throw new Error('bad greeting');
        if (c.type === 'put') this.greetings.set(c.key.slice(PREFIX.length), `${c.value ?? ''}${this.config.punctuation}`);
        else this.greetings.delete(c.key.slice(PREFIX.length));
      }
    });
    const app = new Hono();
    app.get('/greetings/:name', (c) => c.json({ greeting: this.greetings.get(c.req.param('name')) ?? null }));
    this.routes.mount('/', app);
  }
  resync(snapshot: Snapshot): void {
    this.greetings.clear();
    for (const e of snapshot.entries) this.greetings.set(e.key.slice(PREFIX.length), `${e.value}${this.config.punctuation}`);
    this.log.info('resynced', { greetings: snapshot.entries.length });
  }
  storeKind(): string {
    return this.store.kind;
  }
  async readStore(): Promise<unknown> {
    return this.store.get(`${PREFIX}x`);
  }
}

describe('TestAgent', () => {
  it('start() boots a plugin with a fake datasync, its config section and strict fakes for the rest', async () => {
    const sync = new FakeDatasync({ [`${PREFIX}ann`]: 'hello', '/other/key': 'x' });
    const t = await TestAgent.for(GreeterPlugin).override(DATASYNC).useValue(sync).config({ punctuation: '!' }).start();
    const greeter = t.plugin(GreeterPlugin);
    expect([...greeter.greetings]).toEqual([['ann', 'hello!']]);
    await sync.put(`${PREFIX}bob`, 'hi');
    expect(greeter.greetings.get('bob')).toBe('hi!');
    expect(await (await t.fetch('/greetings/bob')).json()).toEqual({ greeting: 'hi!' });
    expect(t.logs.filter({ logger: 'greeter' })).toMatchObject([{ msg: 'resynced', fields: { greetings: 1 } }]);
    await t.close();
  });

  it('start() binds a strict fake that names token and method for a dependency nobody overrode', async () => {
    const t = await TestAgent.for(GreeterPlugin).override(DATASYNC).useValue(new FakeDatasync()).start();
    const call = t.plugin(GreeterPlugin).readStore();
    await expect(call).rejects.toThrow(UnexpectedCallError);
    await expect(call).rejects.toThrow('unexpected call contiv.KeyValueStore.get()');
    await t.close();
  });

  it('override().useFactory() and useClass() replace a dependency before the plugin is built', async () => {
    const fakeStore = { kind: 'fake' } as KeyValueStore;
    const t1 = await TestAgent.for(GreeterPlugin).override(DATASYNC).useClass(FakeDatasync).override(KV_STORE).useFactory(() => fakeStore).start();
    expect(t1.plugin(GreeterPlugin).storeKind()).toBe('fake');
    expect(t1.get(DATASYNC)).toBeInstanceOf(FakeDatasync);
    expect(t1.logs.messages({ logger: 'greeter' })).toEqual(['resynced']);
    await t1.close();
  });

  it('start() rejects naming plugin and phase when a resync hook fails', async () => {
    const sync = new FakeDatasync({ [`${PREFIX}x`]: 'y' });
    @plugin({ name: 'fragile' })
    class FragilePlugin implements Plugin {
      readonly name = 'fragile';
      resync(): void {
        throw new Error('cannot');
      }
    }
    const err = await TestAgent.for(FragilePlugin).override(DATASYNC).useValue(sync).start().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PluginPhaseError);
    expect(err).toMatchObject({ plugin: 'fragile', phase: 'resync' });
  });

  it('start() passes the config section through the plugin schema (unknown keys fail)', async () => {
    await expect(TestAgent.for(GreeterPlugin).config({ punctuation: '?', loud: true }).start()).rejects.toThrow(
      'plugins.greeter.loud: unknown key (expected one of: punctuation)',
    );
  });

  it('FakeDatasync records a handler failure in the event history and goes on', async () => {
    const sync = new FakeDatasync();
    const t = await TestAgent.for(GreeterPlugin).override(DATASYNC).useValue(sync).start();
    const record = await sync.put(`${PREFIX}bad`, 'boom');
    expect(record).toMatchObject({ kind: 'kv', outcome: 'error', errors: [{ plugin: 'greeter', error: { message: 'bad greeting' } }] });
    expect((await sync.put(`${PREFIX}ok`, 'fine')).outcome).toBe('ok');
    await t.close();
  });
});
