/** @module loadConfig(): the config file, then env vars, then flags, merged into one LoadedConfig. */
import { readFile } from 'node:fs/promises';
import { ConfigError, errorMessage } from '../errors.ts';
import { applyOverrides, envOverrides, type ConfigOverride } from './config-overrides.ts';
import { LoadedConfig } from './loaded-config.ts';
import { parseConfigText } from './parse-config-text.ts';

/** Inputs of {@linkcode loadConfig}; each one is optional. */
export interface LoadConfigOptions {
  /** Path of the YAML file (`--config`). */
  readonly file?: string;
  /** Environment (pass `process.env`); only `CONTIV_*` variables are read. @default {{}} */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Overrides from command-line flags, applied last. @default {[]} */
  readonly flags?: readonly ConfigOverride[];
}

/**
 * Reads and merges the config sources; validation happens when an agent is created (it
 * needs the build's plugin schemas).
 * @throws {ConfigError} If the file cannot be read or is not valid YAML.
 * @example const config = await loadConfig({ file: 'agent.yaml', env: process.env });
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  let text = '';
  if (options.file !== undefined) {
    try {
      text = await readFile(options.file, 'utf8');
    } catch (err: unknown) {
      throw new ConfigError(options.file, [{ origin: options.file, path: '', detail: `cannot read the file: ${errorMessage(err)}` }]);
    }
  }
  return configFromText(text, options.file ?? 'defaults', [...envOverrides(options.env ?? {}), ...(options.flags ?? [])]);
}

/**
 * Builds a LoadedConfig from YAML text and overrides (no I/O).
 * @throws {ConfigError} If the text is not valid YAML.
 */
export function configFromText(text: string, source: string, overrides: readonly ConfigOverride[] = []): LoadedConfig {
  const parsed = parseConfigText(text, source);
  const merged = applyOverrides(parsed.data, overrides);
  return new LoadedConfig(merged.data, source, merged.origins, parsed.positions);
}
