/** @module HttpRoutes: how plugins mount REST routes on the agent's Hono app. */
import type { Hono } from 'hono';

/** Lets plugins add routes to the agent's REST server during `init`. */
export interface HttpRoutes {
  /** Mounts `app` under `path` (use `/` for absolute paths inside `app`). */
  mount(path: string, app: Hono): void;
}
