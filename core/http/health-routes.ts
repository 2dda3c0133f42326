/** @module healthRoutes(): `GET /health/live` and `GET /health/ready`. */
import { Hono } from 'hono';
import type { AgentState } from '../status/status-registry.ts';

/** What the health routes ask the agent. */
export interface HealthProbe {
  readonly state: AgentState;
  /** True once the initial resync succeeded (until close or failure). */
  readonly ready: boolean;
}

/**
 * Health routes: `live` answers 200 unless the agent failed; `ready` answers 200 only after the
 * initial resync succeeded, 503 otherwise. Both bodies carry the agent state.
 * @example const res = await healthRoutes(() => ({ state: 'running', ready: true })).request('/health/ready');
 */
export function healthRoutes(probe: () => HealthProbe): Hono {
  const app = new Hono();
  app.get('/health/live', (c) => {
    const { state } = probe();
    return c.json({ live: state !== 'failed', state }, state === 'failed' ? 503 : 200);
  });
  app.get('/health/ready', (c) => {
    const { state, ready } = probe();
    return c.json({ ready, state }, ready ? 200 : 503);
  });
  return app;
}
