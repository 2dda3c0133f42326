/** @module statusView(): the JSON document `GET /status` serves, from the status registry and boot steps. */
import type { BootReport, BootStep } from '../boot-report.ts';
import type { HostPhase } from '../errors.ts';
import type { PluginStatus } from './agent-status.ts';
import type { AgentState, StatusRegistry } from './status-registry.ts';

/** One plugin in `/status`: its status plus its boot time per phase (ms). */
export interface PluginStatusView extends PluginStatus {
  readonly boot: Readonly<Partial<Record<HostPhase, number>>>;
}

/** The `/status` document. */
export interface StatusView {
  readonly agent: {
    readonly label: string;
    readonly build: string;
    readonly state: AgentState;
    readonly ready: boolean;
    readonly lastError?: Record<string, unknown>;
  };
  /** Plugin names in start order. */
  readonly order: readonly string[];
  /** Plugins disabled by config, sorted. */
  readonly disabled: readonly string[];
  /** Plugin name → status, in start order. */
  readonly plugins: Readonly<Record<string, PluginStatusView>>;
  /** The complete boot report once the start finished. */
  readonly boot?: BootReport;
}

/** What {@linkcode statusView} reads. */
export interface StatusViewInput {
  readonly label: string;
  readonly build: string;
  readonly order: readonly string[];
  readonly disabled: readonly string[];
  readonly status: StatusRegistry;
  /** Steps so far (a failed start has a partial list). */
  readonly steps: readonly BootStep[];
  readonly boot?: BootReport;
}

/** Builds the `/status` document; plugins appear in start order, so the output is deterministic. */
export function statusView(input: StatusViewInput): StatusView {
  const plugins: Record<string, PluginStatusView> = {};
  for (const name of input.order) {
    const boot: Partial<Record<HostPhase, number>> = {};
    for (const step of input.steps) if (step.plugin === name) boot[step.phase] = (boot[step.phase] ?? 0) + step.ms;
    const status = input.status.plugin(name) ?? { state: 'init', since: 0 };
    plugins[name] = { ...status, boot };
  }
  const { status } = input;
  return {
    agent: {
      label: input.label,
      build: input.build,
      state: status.state,
      ready: status.ready,
      ...(status.lastError === undefined ? {} : { lastError: status.lastError }),
    },
    order: input.order,
    disabled: [...input.disabled].sort(),
    plugins,
    ...(input.boot === undefined ? {} : { boot: input.boot }),
  };
}
