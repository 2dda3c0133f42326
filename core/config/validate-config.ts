/**
 * @module validateConfig(): the top-level sections and every enabled plugin's section,
 * each against its schema; which plugins config disables.
 */
import { ConfigError, type ConfigIssue } from '../errors.ts';
import type { PluginDescriptor } from '../plugin-dependencies.ts';
import { agentConfigSchema, type AgentConfig } from './agent-config.ts';
import { configIssue, configIssues } from './config-issues.ts';
import type { LoadedConfig } from './loaded-config.ts';

/** A validated config for one build. */
export interface ValidatedConfig {
  /** `agent`, `http`, `log` with defaults applied; `plugins` holds the raw sections. */
  readonly top: AgentConfig;
  /** Enabled plugins, in build order. */
  readonly enabled: readonly PluginDescriptor[];
  /** Plugins with `enabled: false`, in build order. */
  readonly disabled: readonly PluginDescriptor[];
  /** Validated section (schema output, defaults applied) per enabled plugin that declares a schema. */
  readonly sections: ReadonlyMap<string, unknown>;
}

/**
 * Validates `config` for a build's plugins. Every problem is collected, then reported at once.
 * Sections of disabled plugins are not validated (the plugin is gone).
 * @throws {ConfigError} Naming, per issue, the file (or env var / flag), the path and what was expected.
 */
export function validateConfig(config: LoadedConfig, plugins: readonly PluginDescriptor[]): ValidatedConfig {
  const issues: ConfigIssue[] = [];
  const data = config.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(config.source, [configIssue(config, [], 'expected a mapping with agent, http, log, plugins')]);
  }
  const parsed = agentConfigSchema.safeParse(data);
  if (!parsed.success) issues.push(...configIssues(parsed.error, agentConfigSchema, config));
  // Plugin sections are checked even when the top level has issues, so one run reports all.
  const rawPlugins = (data as Record<string, unknown>).plugins;
  const sections = (typeof rawPlugins === 'object' && rawPlugins !== null && !Array.isArray(rawPlugins) ? rawPlugins : {}) as Record<string, unknown>;
  const names = new Set(plugins.map((p) => p.name));
  for (const name of Object.keys(sections)) {
    if (!names.has(name)) {
      issues.push(configIssue(config, ['plugins', name], `unknown plugin (this build has: ${[...names].sort().join(', ') || 'no plugins'})`));
    }
  }
  const enabled: PluginDescriptor[] = [];
  const disabled: PluginDescriptor[] = [];
  const validated = new Map<string, unknown>();
  for (const p of plugins) {
    const path = ['plugins', p.name];
    const raw = sections[p.name] ?? {};
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      issues.push(configIssue(config, path, 'expected a mapping (the plugin\'s settings and optionally "enabled")'));
      continue;
    }
    const { enabled: on = true, ...section } = raw as Record<string, unknown>;
    if (typeof on !== 'boolean') {
      issues.push(configIssue(config, [...path, 'enabled'], `expected true or false (got ${JSON.stringify(on)})`));
      continue;
    }
    if (!on) {
      disabled.push(p);
      continue;
    }
    enabled.push(p);
    const schema = p.meta.config?.schema;
    if (!schema) {
      for (const key of Object.keys(section)) issues.push(configIssue(config, [...path, key], `unknown key (plugin "${p.name}" has no settings)`));
      continue;
    }
    const result = schema.safeParse(section);
    if (result.success) validated.set(p.name, result.data);
    else issues.push(...configIssues(result.error, schema, config, path));
  }
  if (issues.length > 0 || !parsed.success) throw new ConfigError(config.source, issues);
  return { top: parsed.data, enabled, disabled, sections: validated };
}
