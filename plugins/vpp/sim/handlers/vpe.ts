/** @module Simulator handlers of `vpe.api` / `memclnt.api`: `show_version`, `control_ping`. */
import type { RequestHandlers } from './sim-context.ts';

/** `show_version`, `control_ping`. */
export const vpeRequestHandlers: RequestHandlers = {
  show_version: (ctx) => ({
    _msgname: 'show_version_reply',
    retval: 0,
    program: 'vpe',
    version: ctx.version,
    build_date: 'simulated',
    build_directory: `/sim/${ctx.state.node}`,
  }),
  control_ping: (ctx) => ({ _msgname: 'control_ping_reply', retval: 0, client_index: 0, vpe_pid: ctx.pid }),
};
