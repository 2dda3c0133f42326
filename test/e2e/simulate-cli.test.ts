import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StepOutput } from '../../cluster/simulation.ts';

/** Runs `deno run -P --quiet main.ts simulate ...` as a user would. */
function simulate(...args: string[]) {
  const r = spawnSync('npx', ['deno', 'run', '-P', '--quiet', 'main.ts', 'simulate', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('contiv-ts simulate (CLI)', () => {
  it('simulate -f --probes --output json prints only the JSON document of the state and the results', () => {
    const r = simulate('-f', 'examples/manifests', '--probes', 'examples/simulate/probes.json', '--output', 'json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as StepOutput;
    expect(Object.keys(doc)).toEqual(['pods', 'nodes', 'services', 'results']);
    expect(doc.nodes).toEqual([
      { name: 'node-1', address: '192.168.16.1', podCIDR: '10.1.1.0/24' },
      { name: 'node-2', address: '192.168.16.2', podCIDR: '10.1.2.0/24' },
    ]);
    expect(doc.pods).toContainEqual({ namespace: 'shop', name: 'frontend-7d9f8b6c4-x2k9p', node: 'node-1', ip: '10.1.1.2' });
    expect(doc.services).toContainEqual({ namespace: 'shop', name: 'cart', clusterIP: '10.96.10.30' });
    expect(doc.results).toHaveLength(9);
    expect(doc.results[0]).toMatchObject({
      from: 'shop/frontend-7d9f8b6c4-x2k9p', to: 'svc:shop/cart', port: 50051, protocol: 'TCP', allowed: true,
      backend: 'shop/cart-5c6d7f9b8-ab12c', backendPort: 50051, sourceIP: '10.1.1.2',
    });
    expect(doc.results[0]!.reason).toContain('shop/cart-from-frontend ingress[0]');
    expect(doc.results[5]).toMatchObject({ to: 'ip:93.184.216.34', allowed: false, failure: 'dropped' });
    expect(doc.results[5]!.reason).toContain('egress isolation by shop/default-deny');
    expect(doc.results[5]!.trace.map((t) => t.direction)).toContain('forward');
  });

  it('simulate exits non-zero naming the probe and field, with nothing on stdout, for an unknown pod', () => {
    const dir = mkdtempSync(join(tmpdir(), 'simulate-cli-'));
    const probes = join(dir, 'probes.json');
    writeFileSync(probes, JSON.stringify([{ from: 'shop/nope', to: 'svc:shop/cart', port: 50051, protocol: 'TCP' }]));
    const r = simulate('-f', 'examples/manifests', '--probes', probes, '--output', 'json');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(`contiv-ts simulate: ${probes} probes[0] from: unknown pod shop/nope`);
  });
});
