/** @module LoadedConfig: raw config data with where each part came from (file, env var, flag). */
import { formatPath, type ConfigPath } from './config-path.ts';

/** A 1-based line and column inside the config file. */
export interface ConfigPosition {
  readonly line: number;
  readonly column: number;
}

/** Finds the position of the value at a path in the file, if it came from the file. */
export type PositionLookup = (path: ConfigPath) => ConfigPosition | undefined;

/**
 * Config data before validation. `origins` maps the dotted paths set by env vars or flags to
 * their origin (`env CONTIV_HTTP__PORT`), so an error names the variable, not the file.
 * @example new LoadedConfig({ http: { port: 0 } }, 'test config')
 */
export class LoadedConfig {
  constructor(
    /** The merged document (a mapping when valid). */
    readonly data: unknown,
    /** The config file, or a description (`defaults`, `test config`) when there is none. */
    readonly source: string,
    readonly origins: ReadonlyMap<string, string> = new Map(),
    private readonly positions: PositionLookup = () => undefined,
  ) {}

  /** Where the value at `path` came from, and its place in the file when it came from the file. */
  originOf(path: ConfigPath): { readonly origin: string; readonly position?: ConfigPosition } {
    for (let n = path.length; n > 0; n--) {
      const origin = this.origins.get(formatPath(path.slice(0, n)));
      if (origin !== undefined) return { origin };
    }
    // A path that does not exist (a missing key) points at its nearest existing parent.
    for (let n = path.length; n >= 0; n--) {
      const position = this.positions(path.slice(0, n));
      if (position) return { origin: this.source, position };
    }
    return { origin: this.source };
  }
}
