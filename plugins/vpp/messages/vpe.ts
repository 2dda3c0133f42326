/** @module `vpe.api` / `memclnt.api` messages: `show_version` and `control_ping`. */

/** `show_version`: asks VPP for its version. */
export interface ShowVersion {
  readonly _msgname: 'show_version';
}

/** `show_version_reply`. */
export interface ShowVersionReply {
  readonly _msgname: 'show_version_reply';
  readonly retval: number;
  /** string[32] */
  readonly program: string;
  /** string[32], e.g. `22.10-release` */
  readonly version: string;
  /** string[32] */
  readonly build_date: string;
  /** string[256] */
  readonly build_directory: string;
}

/** `control_ping`: answered in order, so its reply closes a dump (multi-part reply). */
export interface ControlPing {
  readonly _msgname: 'control_ping';
}

/** `control_ping_reply`. */
export interface ControlPingReply {
  readonly _msgname: 'control_ping_reply';
  readonly retval: number;
  readonly client_index: number;
  readonly vpe_pid: number;
}

/** Request → reply of this API file. */
export interface VpeRequests {
  readonly show_version: { readonly req: ShowVersion; readonly reply: ShowVersionReply };
  readonly control_ping: { readonly req: ControlPing; readonly reply: ControlPingReply };
}
