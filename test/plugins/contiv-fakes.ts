/**
 * @module Helpers for testing the contiv plugin in isolation: a VPP_API that records every
 * desired-state operation, and an agent (contiv + ksr + datasync over a shared memory store)
 * started with TestAgent.
 */
import type { Datasync } from '../../core/datasync/datasync.ts';
import { DatasyncPlugin } from '../../core/datasync/datasync-plugin.ts';
import type { KeyValueStore } from '../../core/kv/key-value-store.ts';
import { TestAgent, type StartedTestAgent } from '../../core/testing/test-agent.ts';
import { DATASYNC, KV_STORE } from '../../core/tokens.ts';
import { ContivPlugin } from '../../plugins/contiv/contiv-plugin.ts';
import { KsrPlugin } from '../../plugins/ksr/ksr-plugin.ts';
import { VPP_API, type VppApi, type VppEventListener, type VppTxn } from '../../plugins/vpp/api.ts';
import type { VppValue } from '../../plugins/vpp/model.ts';

/** VPP_API keeping the desired state and a log of `put <key>` / `delete <key>` operations. */
export class RecordingVppApi implements VppApi {
  readonly state = new Map<string, VppValue>();
  /** sw_if_index per interface name, as a test sets it. */
  readonly indexes = new Map<string, number>();
  #ops: string[] = [];
  readonly #listeners = new Map<string, VppEventListener<unknown>[]>();

  txn(): VppTxn {
    return {
      put: (key, value) => {
        this.state.set(key, value);
        this.#ops.push(`put ${key}`);
      },
      delete: (key) => {
        this.state.delete(key);
        this.#ops.push(`delete ${key}`);
      },
    };
  }

  desired(key: string): VppValue | undefined {
    return this.state.get(key);
  }

  desiredKeys(prefix: string): readonly string[] {
    return [...this.state.keys()].filter((k) => k.startsWith(prefix)).sort();
  }

  interfaceIndex(name: string): number | undefined {
    return this.indexes.get(name);
  }

  onEvent<E>(msgName: string, listener: VppEventListener<E>): void {
    const list = this.#listeners.get(msgName) ?? [];
    list.push(listener as VppEventListener<unknown>);
    this.#listeners.set(msgName, list);
  }

  /** The operations since the last call. */
  take(): string[] {
    const ops = this.#ops;
    this.#ops = [];
    return ops;
  }

  /** Delivers a VPP event to its listeners inside the event loop, as the vpp plugin does. */
  async emit(datasync: Datasync, msgName: string, event: unknown): Promise<void> {
    await datasync.push('vpp-event', msgName, () => {
      for (const l of this.#listeners.get(msgName) ?? []) l(event);
    });
  }
}

/** A started contiv agent and its fakes. */
export interface ContivTestAgent {
  readonly t: StartedTestAgent;
  readonly contiv: ContivPlugin;
  readonly vpp: RecordingVppApi;
  readonly datasync: Datasync;
  /** Waits until store changes made so far went through the event loop. */
  settle(): Promise<void>;
  /** POSTs a JSON body to the agent. */
  post(path: string, body: unknown): Promise<{ status: number; json: unknown }>;
}

/** Starts contiv (with the real ksr and datasync plugins) as node `label` over `store`. */
export async function startContiv(
  store: KeyValueStore,
  label: string,
  config: Readonly<Record<string, unknown>> = {},
  vpp = new RecordingVppApi(),
): Promise<ContivTestAgent> {
  const t = await TestAgent.for(ContivPlugin, KsrPlugin, DatasyncPlugin)
    .override(KV_STORE).useValue(store)
    .override(VPP_API).useValue(vpp)
    .config(config)
    .agentConfig({ agent: { label } })
    .start();
  const datasync = t.get(DATASYNC);
  return {
    t,
    contiv: t.plugin(ContivPlugin),
    vpp,
    datasync,
    settle: async () => {
      for (let i = 0; i < 3; i++) {
        await new Promise((r) => setTimeout(r, 0));
        await datasync.push('test-settle', 'settle', () => undefined);
      }
    },
    post: async (path, body) => {
      const res = await t.fetch(path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
      return { status: res.status, json: await res.json() };
    },
  };
}

/** A CNI request body for pod `ns/name` in container `cid`. */
export function cniBody(cid: string, ns: string, name: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    containerId: cid,
    netns: `/var/run/netns/${cid}`,
    ifName: 'eth0',
    args: `IgnoreUnknown=1;K8S_POD_NAMESPACE=${ns};K8S_POD_NAME=${name};K8S_POD_INFRA_CONTAINER_ID=${cid}`,
    config: { cniVersion: '1.0.0', name: 'contiv', type: 'contiv-cni' },
    ...over,
  };
}
