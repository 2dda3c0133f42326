/** @module The boot report: time per plugin per phase as data (served at /status) and as a table. */
import type { HostPhase } from './errors.ts';

/** One timed step of the boot: a plugin's constructor or one of its hooks. */
export interface BootStep {
  readonly plugin: string;
  readonly phase: HostPhase;
  /** Duration in milliseconds. */
  readonly ms: number;
}

/** The record of one agent start. */
export interface BootReport {
  /** Agent label (node name). */
  readonly label: string;
  /** Build name. */
  readonly build: string;
  /** Plugin names in start order. */
  readonly order: readonly string[];
  /** Steps in the order they ran. */
  readonly steps: readonly BootStep[];
  /** Wall time of the whole start, in milliseconds. */
  readonly totalMs: number;
}

const COLUMNS: readonly HostPhase[] = ['construct', 'init', 'afterInit', 'resync'];

/**
 * Draws the report as a table, one row per plugin in start order, one column per phase
 * (milliseconds, one decimal; `-` where the plugin had no such step).
 * @example
 * formatBootReport(report)
 * // boot report: node-1, build full, 2 plugins, 4.2 ms
 * //   #  plugin    construct  init  afterInit  resync  total
 * //   1  kvstore         0.1   1.0        0.0     2.0    3.1
 */
export function formatBootReport(report: BootReport): string {
  const header = ['#', 'plugin', ...COLUMNS, 'total'];
  const rows = report.order.map((plugin, i) => {
    const steps = report.steps.filter((s) => s.plugin === plugin);
    const cells = COLUMNS.map((phase) => {
      const own = steps.filter((s) => s.phase === phase);
      return own.length === 0 ? '-' : ms(own.reduce((sum, s) => sum + s.ms, 0));
    });
    const total = steps.filter((s) => s.phase !== 'close').reduce((sum, s) => sum + s.ms, 0);
    return [String(i + 1), plugin, ...cells, ms(total)];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  // Names align left, numbers right, so columns of durations can be compared at a glance.
  const line = (cells: readonly string[]) =>
    '  ' + cells.map((cell, c) => (c === 1 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ').trimEnd();
  const plural = report.order.length === 1 ? 'plugin' : 'plugins';
  const title = `boot report: ${report.label}, build ${report.build}, ${report.order.length} ${plural}, ${ms(report.totalMs)} ms`;
  return [title, line(header), ...rows.map(line)].join('\n');
}

function ms(value: number): string {
  return value.toFixed(1);
}
