/** @module The service plugin's config section (`plugins.service`): schema, type and token. */
import type { InjectionToken } from 'tsyringe';
import { z } from 'zod';
import { pluginConfig } from '../../core/plugin.ts';

/** A load-balancing weight (VPP keeps a local's probability in one byte). */
const weight = z.number().int().min(1).max(255);

/** Schema of `plugins.service`. */
export const serviceConfigSchema = z
  .object({
    /**
     * Source-NAT pods' traffic to the outside on the interface facing the default gateway.
     * Also needs the contiv setting `natExternalTraffic`. @default true
     */
    snat: z.boolean().default(true),
    /** Weight of a backend on this node in load-balanced mappings. @default 1 */
    localBackendWeight: weight.default(1),
    /** Weight of a backend on another node in load-balanced mappings. @default 1 */
    remoteBackendWeight: weight.default(1),
  })
  .strict();

/** The validated `plugins.service` section. */
export type ServiceConfig = z.infer<typeof serviceConfigSchema>;

/** Token of the validated config. */
export const SERVICE_CONFIG: InjectionToken<ServiceConfig> = Symbol('service.ServiceConfig');

/** The config section declaration for `@plugin({ config })`. */
export const serviceConfig = pluginConfig(SERVICE_CONFIG, serviceConfigSchema);

/** The config used when the section is absent. */
export const DEFAULT_SERVICE_CONFIG: ServiceConfig = serviceConfigSchema.parse({});
