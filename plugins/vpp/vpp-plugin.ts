/**
 * @module VppPlugin: the shell around the reconciler. It builds the adapter (the simulator by
 * default), the channel and the reconciler with every descriptor; hands plugins one
 * transaction per event and commits it when the event ends (a resync event commits as a full
 * resync against VPP's dumps); turns VPP events and retries into events of the loop; serves
 * `/vpp/txns` and `/vpp/state`.
 */
import { inject } from 'tsyringe';
import type { AgentInfo } from '../../core/agent-info.ts';
import type { Clock } from '../../core/clock.ts';
import type { Datasync, EventContext } from '../../core/datasync/datasync.ts';
import { BadInputError, errorToJSON } from '../../core/errors.ts';
import type { HttpRoutes } from '../../core/http/http-routes.ts';
import { optional } from '../../core/inject.ts';
import type { Logger } from '../../core/log/logger.ts';
import { plugin, type Plugin } from '../../core/plugin.ts';
import type { StatusReporter } from '../../core/status/agent-status.ts';
import { AGENT_INFO, CLOCK, DATASYNC, HTTP_ROUTES, LOGGER, STATUS_REPORTER } from '../../core/tokens.ts';
import type { Adapter } from './adapters/adapter.ts';
import { SimAdapter } from './adapters/sim-adapter.ts';
import { VPP_API, type VppApi, type VppEventListener, type VppTxn } from './api.ts';
import { AdapterChannel, realTimers, type ChannelTimers } from './channel.ts';
import { VPP_CONFIG, vppConfig, type VppConfig } from './config.ts';
import { findInterfaceIndex } from './config/descriptors/lookups.ts';
import { sortedKeys } from './config/key-order.ts';
import { Reconciler } from './config/reconciler.ts';
import { VppNotInitializedError } from './config/reconciler-errors.ts';
import { reconcilerRoutes } from './config/reconciler-routes.ts';
import { Txn } from './config/txn.ts';
import type { TxnRecord } from './config/txn-record.ts';
import { vppDescriptors } from './config/vpp-descriptors.ts';
import { isEventName } from './messages/message-map.ts';
import type { VppValue } from './model.ts';
import { VppSimulator } from './sim/vpp-simulator.ts';
import type { SocketAdapter } from './socket/socket-adapter.ts';
import { connectAtStartup, createSocketAdapter, followConnection, type SocketAdapterDeps } from './socket/socket-link.ts';
import { VPP_SIMULATOR, VPP_TIMERS } from './tokens.ts';

/** The vpp plugin: VPP transport, desired-state reconciler, simulator. */
@plugin({ name: 'vpp', provides: [VPP_API], config: vppConfig })
export class VppPlugin implements Plugin, VppApi {
  readonly name = 'vpp';
  #adapter?: Adapter;
  #socket?: SocketAdapter;
  #unfollow?: () => void;
  #sim?: VppSimulator;
  #channel?: AdapterChannel;
  #reconciler?: Reconciler;
  #txn?: Txn;
  /** The open transaction belongs to a resync event (our resync hook ran). */
  #resyncing = false;
  readonly #retryKeys = new Set<string>();
  readonly #cancelTimers = new Set<() => void>();
  readonly #timers: ChannelTimers;
  #closed = false;

  constructor(
    @inject(VPP_CONFIG) private readonly config: VppConfig,
    @inject(DATASYNC) private readonly datasync: Datasync,
    @inject(LOGGER) private readonly log: Logger,
    @inject(STATUS_REPORTER) private readonly status: StatusReporter,
    @inject(HTTP_ROUTES) private readonly http: HttpRoutes,
    @inject(CLOCK) private readonly clock: Clock,
    @inject(AGENT_INFO) private readonly info: AgentInfo,
    @optional(VPP_SIMULATOR) private readonly simulator?: VppSimulator,
    @optional(VPP_TIMERS) timers?: ChannelTimers,
  ) {
    this.#timers = timers ?? realTimers;
  }

  async init(): Promise<void> {
    const socket = this.config.adapter === 'socket' ? await createSocketAdapter(this.config.socket, this.#socketDeps()) : undefined;
    // With the socket adapter a simulator exists only when injected (tests serve it behind the socket).
    const sim = socket ? this.simulator : (this.simulator ?? new VppSimulator({ node: this.info.label, nics: this.config.sim.nics, clock: this.clock }));
    const adapter: Adapter = socket ?? new SimAdapter(sim!);
    this.#sim = sim;
    const channel = new AdapterChannel(adapter, {
      timeoutMs: this.config.requestTimeoutMs,
      timers: this.#timers,
      onListenerError: (err, eventName) => this.log.error('vpp event listener failed', { event: eventName, error: errorToJSON(err) }),
    });
    this.#reconciler = new Reconciler(vppDescriptors(channel), {
      clock: this.clock,
      log: this.log.child('reconciler'),
      retry: this.config.retry,
      historySize: this.config.historySize,
      scheduleRetry: (delay, keys) => this.#scheduleRetry(delay, keys),
      countCalls: () => [...channel.counts().values()].reduce((a, b) => a + b, 0),
    });
    this.#adapter = adapter;
    this.#channel = channel;
    if (socket) {
      this.#socket = socket;
      const countCalls = () => [...channel.counts().values()].reduce((a, b) => a + b, 0);
      this.#unfollow = followConnection(socket, { channel, status: this.status, resync: (reason) => this.datasync.resync(reason), log: this.log }, countCalls);
    }
    this.datasync.onEventEnd(this.name, (ctx) => this.#commit(ctx));
    this.http.mount('/', reconcilerRoutes(this.#reconciler));
  }

  async afterInit(): Promise<void> {
    if (this.#socket) await connectAtStartup(this.#socket, this.config.socket, this.#socketDeps());
    else await this.#adapter?.connect();
    const v = await this.#channel?.request({ _msgname: 'show_version' });
    this.log.info('connected to VPP', { adapter: this.#adapter?.name, version: v?.version });
    this.status.report('ok');
  }

  /** A resync event: plugins re-state everything; the end of the event diffs it against VPP. */
  resync(): void {
    this.#resyncing = true;
    this.#txn ??= new Txn();
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const cancel of this.#cancelTimers) cancel();
    this.#cancelTimers.clear();
    this.#unfollow?.();
    this.#channel?.close();
    await this.#adapter?.disconnect();
  }

  txn(): VppTxn {
    this.#txn ??= new Txn();
    return this.#txn;
  }

  desired(key: string): VppValue | undefined {
    if (this.#txn?.has(key)) return this.#txn.value(key) as VppValue | undefined;
    return this.#resyncing ? undefined : (this.#rec().desired(key) as VppValue | undefined);
  }

  desiredKeys(prefix: string): readonly string[] {
    const keys = new Set(this.#resyncing ? [] : this.#rec().desiredKeys(prefix));
    for (const k of this.#txn?.keys() ?? []) {
      if (!k.startsWith(prefix)) continue;
      if (this.#txn?.value(k) === undefined) keys.delete(k);
      else keys.add(k);
    }
    return sortedKeys(keys);
  }

  interfaceIndex(name: string): number | undefined {
    return findInterfaceIndex(this.#rec(), name);
  }

  onEvent<E>(msgName: string, listener: VppEventListener<E>): void {
    if (!isEventName(msgName)) throw new BadInputError('vpp.onEvent', 'msgName', `"${msgName}" is not a VPP event we know`);
    this.#chan().subscribe(msgName, (event) => {
      this.datasync
        .push(`vpp:${msgName}`, msgName, () => listener(event as E))
        .catch((err: unknown) => this.log.warn('vpp event handling failed', { event: msgName, error: errorToJSON(err) }));
    });
  }

  inProcessSimulator(): VppSimulator | undefined {
    return this.#sim;
  }

  /** The reconciler (for tools and tests). */
  reconciler(): Reconciler {
    return this.#rec();
  }

  async #commit(ctx: EventContext): Promise<void> {
    const txn = this.#txn;
    const retryKeys = [...this.#retryKeys];
    this.#txn = undefined;
    this.#retryKeys.clear();
    const resync = ctx.isResync;
    this.#resyncing = false;
    const info = { eventKind: ctx.kind, eventSeq: ctx.seq, retryKeys };
    let record: TxnRecord | undefined;
    if (resync) {
      const entries = (txn?.changes() ?? []).flatMap((c) => (c.value === undefined ? [] : [{ key: c.key, value: c.value }]));
      const failed = ctx.failedPlugins ?? [];
      if (failed.length > 0) this.log.warn('resync hooks failed: keeping VPP objects they did not re-state', { plugins: failed });
      record = await this.#rec().resync(entries, info, { keepUnlisted: failed.length > 0 });
    } else if ((txn?.size ?? 0) > 0 || retryKeys.length > 0) {
      record = await this.#rec().commit(txn?.changes() ?? [], info);
    }
    if (record) this.#reportStatus(record);
  }

  #reportStatus(record: TxnRecord): void {
    const failed = record.executed.filter((o) => o.result === 'error').length;
    this.status.details({ values: this.#rec().summary(), lastTxn: { seq: record.seq, ops: record.executed.length, failed, pending: record.pending.length } });
  }

  #scheduleRetry(delayMs: number, keys: readonly string[]): void {
    if (this.#closed) return;
    const cancel = this.#timers.set(delayMs, () => {
      this.#cancelTimers.delete(cancel);
      if (this.#closed) return;
      this.datasync
        .push('vpp-retry', `retry ${keys.join(', ')}`, () => {
          for (const k of keys) this.#retryKeys.add(k);
        })
        .catch((err: unknown) => this.log.warn('vpp retry failed', { keys, error: errorToJSON(err) }));
    });
    this.#cancelTimers.add(cancel);
  }

  #socketDeps(): SocketAdapterDeps {
    return { timers: this.#timers, clock: this.clock, log: this.log.child('socket') };
  }

  #rec(): Reconciler {
    if (!this.#reconciler) throw new VppNotInitializedError();
    return this.#reconciler;
  }

  #chan(): AdapterChannel {
    if (!this.#channel) throw new VppNotInitializedError();
    return this.#channel;
  }
}
