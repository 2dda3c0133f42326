/** @module PluginRegistry: the running agent's plugin instances in start order (for resync drivers). */
import type { Plugin } from './plugin.ts';

/** A constructed plugin with its name. */
export interface RegisteredPlugin {
  readonly name: string;
  readonly instance: Plugin;
}

/**
 * The agent's plugins in start (dependency) order. Filled as plugins are constructed, so
 * read it lazily (during resync, not in a constructor).
 */
export interface PluginRegistry {
  plugins(): readonly RegisteredPlugin[];
}
