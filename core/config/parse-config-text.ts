/** @module parseConfigText(): YAML text → plain data plus a lookup of each value's line and column. */
import { isNode, LineCounter, parseDocument } from 'yaml';
import { ConfigError, type ConfigIssue } from '../errors.ts';
import type { ConfigPath } from './config-path.ts';
import type { ConfigPosition, PositionLookup } from './loaded-config.ts';

/** Parsed config text. */
export interface ParsedConfigText {
  /** The document as plain data; `{}` for an empty file. */
  readonly data: unknown;
  readonly positions: PositionLookup;
}

/**
 * Parses one YAML document.
 * @param source the file name, used in errors
 * @throws {ConfigError} For YAML syntax errors (each with line and column) and duplicate keys.
 * @example parseConfigText('http:\n  port: 9292\n', 'agent.yaml').data // { http: { port: 9292 } }
 */
export function parseConfigText(text: string, source: string): ParsedConfigText {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) {
    const issues: ConfigIssue[] = doc.errors.map((e) => ({
      origin: source,
      path: '',
      // The message repeats the position and a code frame; the issue keeps them as fields.
      detail: `invalid YAML: ${e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? e.message}`,
      ...(e.linePos ? { line: e.linePos[0].line, column: e.linePos[0].col } : {}),
    }));
    throw new ConfigError(source, issues);
  }
  const data: unknown = doc.toJS() ?? {};
  const positions = (path: ConfigPath): ConfigPosition | undefined => {
    const node = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
    if (!isNode(node) || !node.range) return undefined;
    const pos = lines.linePos(node.range[0]);
    return { line: pos.line, column: pos.col };
  };
  return { data, positions };
}
