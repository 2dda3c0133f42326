/** @module The kvstore plugin's config section (`plugins.kvstore`): which store, and its settings. */
import type { InjectionToken } from 'tsyringe';
import { z } from 'zod';
import { pluginConfig } from '../plugin.ts';

const hostPort = z.string().regex(/^[\w.-]+:\d{1,5}$/, 'expected host:port');

/** Schema of `plugins.kvstore.etcd`. */
export const etcdConfigSchema = z
  .object({
    /** Members as `host:port`. */
    endpoints: z.array(hostPort).min(1).default(['127.0.0.1:2379']),
    /** Limit for connecting at start-up, in ms. */
    dialTimeoutMs: z.number().int().positive().default(2000),
    /** Deadline of each call, in ms. */
    requestTimeoutMs: z.number().int().positive().default(3000),
    /** TLS with PEM files; `tls: {}` means TLS with the system's CA roots. */
    tls: z
      .object({ ca: z.string().min(1).optional(), cert: z.string().min(1).optional(), key: z.string().min(1).optional() })
      .strict()
      .refine((t) => (t.cert === undefined) === (t.key === undefined), 'cert and key go together')
      .refine((t) => t.cert === undefined || t.ca !== undefined, 'a client cert needs ca as well')
      .optional(),
  })
  .strict();

/** Schema of `plugins.kvstore`. */
export const kvstoreConfigSchema = z
  .object({
    /** `memory` (embedded, the default) or `etcd`. */
    type: z.enum(['memory', 'etcd']).default('memory'),
    /** Memory store: JSON file keeping the state across restarts. */
    snapshotFile: z.string().min(1).optional(),
    /** etcd store settings (used when `type: etcd`). */
    etcd: etcdConfigSchema.prefault({}),
  })
  .strict();

/** The validated `plugins.kvstore` section. */
export type KvstoreConfig = z.output<typeof kvstoreConfigSchema>;

/** Token of the validated section. */
export const KVSTORE_CONFIG: InjectionToken<KvstoreConfig> = Symbol('contiv.KvstoreConfig');

/** The section as the kvstore plugin declares it. */
export const kvstoreConfig = pluginConfig(KVSTORE_CONFIG, kvstoreConfigSchema);
