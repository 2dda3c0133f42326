/**
 * @module The vpp plugin's config section (`plugins.vpp`): which adapter, the simulator's
 * NICs, the request timeout, retries of failed operations, and the transaction history size.
 */
import type { InjectionToken } from 'tsyringe';
import { z } from 'zod';
import { pluginConfig } from '../../core/plugin.ts';
import { SOCKET_CONFIG_DEFAULTS, socketConfigSchema } from './socket/socket-config.ts';

const macText = z.string().regex(/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/, { message: 'expected a MAC address aa:bb:cc:dd:ee:ff' });

/** The schema of `plugins.vpp`. */
export const vppConfigSchema = z
  .object({
    /** `sim`: the built-in simulator. `socket`: a real VPP over its API socket (see `socket`). @default sim */
    adapter: z.enum(['sim', 'socket']).default('sim'),
    /** VPP's API socket, its `.api.json` directory, connect and reconnect timing (adapter `socket`). */
    socket: socketConfigSchema.default(SOCKET_CONFIG_DEFAULTS),
    /** The simulator the plugin builds when none is injected. */
    sim: z
      .object({
        /** NICs of the simulated VPP (sw_if_index 1, 2, ...). @default [{ name: GigabitEthernet0/8/0 }] */
        nics: z
          .array(z.object({ name: z.string().min(1), mac: macText.optional() }).strict())
          .default([{ name: 'GigabitEthernet0/8/0' }]),
      })
      .strict()
      .default({ nics: [{ name: 'GigabitEthernet0/8/0' }] }),
    /** How long to wait for a reply from VPP, in ms. @default 5000 */
    requestTimeoutMs: z.number().int().min(1).default(5000),
    /** Retries of failed operations (exponential backoff). */
    retry: z
      .object({
        /** Retries per value after its first failure; 0 = none. @default 3 */
        maxRetries: z.number().int().min(0).default(3),
        /** Delay before the first retry, in ms. @default 1000 */
        baseDelayMs: z.number().int().min(0).default(1000),
        /** Upper bound of a delay, in ms. @default 30000 */
        maxDelayMs: z.number().int().min(0).default(30_000),
        /** Factor between consecutive delays. @default 2 */
        factor: z.number().min(1).default(2),
      })
      .strict()
      .default({ maxRetries: 3, baseDelayMs: 1000, maxDelayMs: 30_000, factor: 2 }),
    /** Transactions kept for `GET /vpp/txns`. @default 100 */
    historySize: z.number().int().min(0).default(100),
  })
  .strict();

/** The validated vpp config. */
export type VppConfig = z.output<typeof vppConfigSchema>;

/** Token of the validated vpp config. */
export const VPP_CONFIG: InjectionToken<VppConfig> = Symbol('vpp.Config');

/** The vpp plugin's config section. */
export const vppConfig = pluginConfig(VPP_CONFIG, vppConfigSchema);
