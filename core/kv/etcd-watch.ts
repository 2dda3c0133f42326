/**
 * @module EtcdWatch: one prefix watch over etcd3, with previous values, changes grouped per
 * revision, resumption from the last delivered revision after a reconnect (no loss, no
 * duplicates) and `onLost('compacted' | 'watch-lost')` when etcd cancels it.
 */
import type { Etcd3, IWatchResponse, Watcher } from 'etcd3';
import type { KvWatch, KvWatchHandlers } from './key-value-store.ts';
import type { ConnectionState } from './connection-state.ts';
import { KvUnavailableError } from './kv-errors.ts';
import { groupByRevision } from './revision-groups.ts';

/** What a watch needs from its store. */
export interface EtcdWatchContext {
  readonly client: Etcd3;
  readonly connection: ConnectionState;
  /** Limit for the watch to be established. */
  readonly createTimeoutMs: number;
  /** Whether history at `revision` is gone (etcd compacted it). */
  readonly isCompacted: (revision: number) => Promise<boolean>;
}

/** Cancelling a watch must not hang a resync when etcd is gone: wait at most this long. */
const CANCEL_WAIT_MS = 1000;

/**
 * Opens a watch on `prefix` from `fromRevision` (inclusive; default: now).
 * @throws {KvUnavailableError} when etcd does not establish the watch in time
 */
export function openEtcdWatch(
  ctx: EtcdWatchContext,
  prefix: string,
  handlers: KvWatchHandlers,
  fromRevision?: number,
): Promise<KvWatch> {
  let builder = ctx.client.watch().prefix(prefix).withPreviousKV();
  if (fromRevision !== undefined) builder = builder.startRevision(String(fromRevision));
  // watcher() (not create()) so every listener is attached before the first event can arrive.
  const watcher: Watcher = builder.watcher();
  let last = fromRevision !== undefined ? fromRevision - 1 : undefined;
  let established = false;
  let closed = false;

  const handle: KvWatch = {
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.race([watcher.cancel().catch(() => undefined), delay(CANCEL_WAIT_MS)]);
    },
  };

  // etcd3 sets the resume revision from the response header, which runs ahead of the events
  // while a watch catches up; resuming from our last delivered revision loses nothing.
  const pinResumeRevision = (): void => {
    if (last !== undefined) (watcher.request as { start_revision?: string | number }).start_revision = last + 1;
  };

  const lost = async (): Promise<void> => {
    const compacted = last !== undefined && (await ctx.isCompacted(last + 1).catch(() => false));
    handlers.onLost(compacted ? 'compacted' : 'watch-lost');
  };

  return new Promise<KvWatch>((resolve, reject) => {
    const timer = setTimeout(() => {
      if (established) return;
      closed = true;
      void watcher.cancel().catch(() => undefined);
      reject(new KvUnavailableError('etcd', 'watch'));
    }, ctx.createTimeoutMs);

    watcher.on('connected', (res: IWatchResponse) => {
      if (closed) return;
      ctx.connection.up();
      if (last === undefined) last = Number(res.header.revision);
      pinResumeRevision();
      if (!established) {
        established = true;
        clearTimeout(timer);
        resolve(handle);
      }
    });
    watcher.on('data', (res: IWatchResponse) => {
      if (closed) return;
      for (const g of groupByRevision(res.events)) {
        if (last !== undefined && g.revision <= last) continue;
        last = g.revision;
        handlers.onChanges(g.changes, g.revision);
      }
      pinResumeRevision();
    });
    watcher.on('disconnected', () => {
      if (!closed) ctx.connection.down();
    });
    watcher.on('error', () => {
      if (closed) return;
      closed = true;
      if (established) {
        void lost();
        return;
      }
      // Created and cancelled at once: a start revision that was compacted away.
      clearTimeout(timer);
      established = true;
      resolve(handle);
      void lost();
    });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
