import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSimulateFlags, runSimulate } from '../../../cli/simulate.ts';
import { UsageError } from '../../../cli/usage.ts';

describe('parseSimulateFlags', () => {
  it('parseSimulateFlags() reads files, probes, nodes, renderer, matrix and output', () => {
    expect(parseSimulateFlags(['-f', 'a', '-f', 'b', '--probes', 'p.json', '--nodes', '3', '--renderer', 'vpptcp', '--matrix', '--output', 'json'])).toEqual({
      files: ['a', 'b'], probes: 'p.json', output: 'json', help: false, options: { renderer: 'vpptcp', matrix: true, nodes: 3 },
    });
    expect(parseSimulateFlags(['--scenario', 's.json'])).toMatchObject({ files: [], scenario: 's.json', output: 'table', options: { renderer: 'acl', matrix: false } });
  });

  it.each([
    [[], 'give -f PATH or --scenario FILE'],
    [['-f', 'a', '--scenario', 's'], '-f and --scenario exclude each other'],
    [['--scenario', 's', '--probes', 'p'], '--probes is for -f; a scenario lists probes in its steps'],
    [['-f', 'a', '--nodes', '0'], '--nodes: expected an integer 1-255, got "0"'],
    [['-f', 'a', '--renderer', 'iptables'], '--renderer: expected acl or vpptcp, got "iptables"'],
    [['-f', 'a', '--output', 'yaml'], '--output: expected json or table, got "yaml"'],
  ])('parseSimulateFlags() refuses %j', (argv, message) => {
    expect(() => parseSimulateFlags(argv)).toThrow(new UsageError(message));
  });
});

describe('runSimulate', () => {
  it('runSimulate() exits 2 with the usage on stderr for bad flags, and 1 naming the file for a bad manifest path', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { log: (l: string) => out.push(l), error: (l: string) => err.push(l) };
    expect(await runSimulate(['--nodes', 'x', '-f', 'a'], io)).toBe(2);
    expect(err[0]).toMatch(/^contiv-ts simulate: --nodes: expected an integer/);
    err.length = 0;
    expect(await runSimulate(['-f', 'no/such/dir', '--output', 'json'], io)).toBe(1);
    expect(out).toEqual([]);
    expect(err[0]).toMatch(/^contiv-ts simulate: no\/such\/dir: cannot read: /);
  });

  it('runSimulate() lists every bad document naming the file, object and field, and prints nothing on stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simulate-flags-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, [
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: p, namespace: x }\nspec: { podSelector: {}, ingress: [{ ports: [{ protocol: ICMP }] }] }',
      'apiVersion: v1\nkind: Pod\nmetadata: { name: a }\nspec: { containers: [{ name: c, ports: [{ containerPort: 99999 }] }] }',
    ].join('\n---\n'));
    const out: string[] = [];
    const err: string[] = [];
    expect(await runSimulate(['-f', file, '--output', 'json'], { log: (l) => out.push(l), error: (l) => err.push(l) })).toBe(1);
    expect(out).toEqual([]);
    expect(err).toHaveLength(2);
    expect(err[0]).toMatch(new RegExp(`^contiv-ts simulate: ${file.replace(/[/.]/g, '\\$&')} document 0 \\(NetworkPolicy x/p\\) spec\\.ingress\\[0\\]\\.ports\\[0\\]\\.protocol: `));
    expect(err[1]).toMatch(/document 1 \(Pod a\) spec\.containers\[0\]\.ports\[0\]\.containerPort: /);
  });
});
