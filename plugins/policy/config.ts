/** @module The policy plugin's config section (`plugins.policy`): schema, type and token. */
import type { InjectionToken } from 'tsyringe';
import { z } from 'zod';
import { pluginConfig } from '../../core/plugin.ts';

/** Schema of `plugins.policy`. */
export const policyConfigSchema = z
  .object({
    /**
     * Renderers to run: `acl` (VPP ACLs on pod and outbound interfaces) and/or `vpptcp` (VPP
     * session rules for pods using the VPP TCP stack). Both can run at once. @default ['acl']
     */
    renderers: z.array(z.enum(['acl', 'vpptcp'])).min(1).default(['acl']),
    /**
     * Run `vpptcp` even when the contiv plugin reports the TCP stack disabled (normally the
     * renderer is skipped then, as its rules would have no effect). @default false
     */
    vpptcpWithoutTcpStack: z.boolean().default(false),
    /**
     * VPPTCP: session rules have single ports, so an endPort range is expanded; ranges longer
     * than this are cut there (the rest of the range is not allowed) and reported. @default 1024
     */
    maxRangePorts: z.number().int().min(1).max(65536).default(1024),
  })
  .strict();

/** The validated `plugins.policy` section. */
export type PolicyConfig = z.infer<typeof policyConfigSchema>;

/** Token of the validated config. */
export const POLICY_CONFIG: InjectionToken<PolicyConfig> = Symbol('policy.PolicyConfig');

/** The config section declaration for `@plugin({ config })`. */
export const policyConfig = pluginConfig(POLICY_CONFIG, policyConfigSchema);
