/**
 * @module Injection tokens of the vpp plugin's optional inputs (leaf module: types and symbols
 * only). The cluster simulation passes one simulator per agent through `VPP_SIMULATOR`.
 */
import type { InjectionToken } from 'tsyringe';
import type { ChannelTimers } from './channel.ts';
import type { VppSimulator } from './sim/vpp-simulator.ts';

/**
 * The simulator the `sim` adapter talks to. When nobody provides it, the vpp plugin builds
 * its own (node = the agent label, NICs from `plugins.vpp.sim.nics`).
 * @example createAgent(build, config, { providers: new Map([[VPP_SIMULATOR, { useValue: sim }]]) })
 */
export const VPP_SIMULATOR: InjectionToken<VppSimulator> = Symbol('vpp.Simulator');

/** Timers of the channel's reply timeouts and the reconciler's retries; default: real timers. */
export const VPP_TIMERS: InjectionToken<ChannelTimers> = Symbol('vpp.Timers');
