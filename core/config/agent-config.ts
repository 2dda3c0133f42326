/** @module The top-level config schema: `agent`, `http`, `log` and the raw `plugins` sections. */
import { z } from 'zod';
import { LOG_LEVELS } from '../log/logger.ts';

/** `agent`: identity and lifecycle limits. */
export const agentSectionSchema = z
  .object({
    /** Agent label: the node name of this vswitch. Deterministic default, no hostname lookup. */
    label: z.string().min(1).default('node-1'),
    /** Deadline of every plugin hook (init, afterInit, resync, close), in ms. */
    phaseTimeoutMs: z.number().int().positive().default(15_000),
  })
  .strict();

/** `http`: the REST server. */
export const httpSectionSchema = z
  .object({
    enabled: z.boolean().default(true),
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65_535).default(9191),
  })
  .strict();

/** `log`: the default level and levels per logger (`policy`, `policy.renderer`). */
export const logSectionSchema = z
  .object({
    level: z.enum(LOG_LEVELS).default('info'),
    plugins: z.record(z.string(), z.enum(LOG_LEVELS)).default({}),
  })
  .strict();

/** The whole file; each `plugins.<name>` section is validated by that plugin's own schema. */
export const agentConfigSchema = z
  .object({
    agent: agentSectionSchema.prefault({}),
    http: httpSectionSchema.prefault({}),
    log: logSectionSchema.prefault({}),
    plugins: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

/** The validated top-level config. */
export type AgentConfig = z.output<typeof agentConfigSchema>;
/** The validated `agent` section. */
export type AgentSection = AgentConfig['agent'];
/** The validated `http` section. */
export type HttpSection = AgentConfig['http'];
/** The validated `log` section. */
export type LogSection = AgentConfig['log'];
