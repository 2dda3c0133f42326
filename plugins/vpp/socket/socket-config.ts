/**
 * @module The `plugins.vpp.socket` config section: where VPP's API socket is, where its
 * `.api.json` definitions are, and how to connect and reconnect.
 */
import { z } from 'zod';
import { DEFAULT_VPP_API_DIR } from './api-definitions-loader.ts';
import { DEFAULT_VPP_API_SOCKET } from './socket-adapter.ts';

const reconnectDefaults = { initialDelayMs: 100, maxDelayMs: 5000, factor: 2 };

/** The schema of `plugins.vpp.socket` (used when `plugins.vpp.adapter` is `socket`). */
export const socketConfigSchema = z
  .object({
    /** VPP's API socket (`socksvr { socket-name ... }`). @default /run/vpp/api.sock */
    path: z.string().min(1).default(DEFAULT_VPP_API_SOCKET),
    /**
     * Directory of the running VPP's `*.api.json` files; `shipped` uses the VPP 22.10 set that
     * comes with contiv-ts. @default /usr/share/vpp/api
     */
    apiDir: z.string().min(1).default(DEFAULT_VPP_API_DIR),
    /** Time for connect + handshake, in ms. @default 3000 */
    handshakeTimeoutMs: z.number().int().min(1).default(3000),
    /** How long start-up keeps trying to reach VPP before failing, in ms (0 = one attempt). @default 10000 */
    startupWaitMs: z.number().int().min(0).default(10_000),
    /** Reconnect backoff after VPP went away. */
    reconnect: z
      .object({
        /** @default 100 */
        initialDelayMs: z.number().int().min(1).default(reconnectDefaults.initialDelayMs),
        /** @default 5000 */
        maxDelayMs: z.number().int().min(1).default(reconnectDefaults.maxDelayMs),
        /** @default 2 */
        factor: z.number().min(1).default(reconnectDefaults.factor),
      })
      .strict()
      .default(reconnectDefaults),
  })
  .strict();

/** The validated socket section. */
export type SocketConfig = z.output<typeof socketConfigSchema>;

/** The section's defaults (zod 4 needs the full output value as a default). */
export const SOCKET_CONFIG_DEFAULTS: SocketConfig = {
  path: DEFAULT_VPP_API_SOCKET,
  apiDir: DEFAULT_VPP_API_DIR,
  handshakeTimeoutMs: 3000,
  startupWaitMs: 10_000,
  reconnect: reconnectDefaults,
};
