import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const DENO = 'node_modules/.bin/deno';
const dir = mkdtempSync(join(tmpdir(), 'contiv-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function deno(args: readonly string[], env: Record<string, string> = {}) {
  return spawnSync(DENO, ['run', '-P', '--quiet', 'main.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
}

describe('main.ts on Deno', () => {
  it('main.ts --once boots the full build, prints the boot report and exits 0', () => {
    const r = deno(['--once']);
    expect(r.stderr).not.toContain('ERROR');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^boot report: node-1, build full, \d+ plugins?, \d+\.\d ms$/);
    expect(lines[1]).toMatch(/^ {2}# {2}plugin +construct {2}init {2}afterInit {2}resync {2}total$/);
    expect(lines.slice(2).map((l) => l.trim().split(/\s+/)[1])).toContain('datasync');
  });

  it('main.ts --once --config FILE applies the file and env overrides', () => {
    const file = join(dir, 'agent.yaml');
    writeFileSync(file, 'agent:\n  label: smoke-node\nlog:\n  level: warn\n');
    const r = deno(['--once', '--config', file], { CONTIV_PLUGINS__DATASYNC__HISTORY_SIZE: '5' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^boot report: smoke-node, build full/);
    expect(r.stderr).not.toContain(' INFO ');
  });

  it('main.ts exits 1 naming file, path and expected value for an invalid config file', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'http:\n  port: high\n');
    const r = deno(['--once', '--config', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${file}:2:9: http.port: Invalid input: expected number, received string (got "high")`);
    expect(r.stdout).toBe('');
  });

  it('main.ts exits 2 with usage on stderr for an unknown flag or command', () => {
    const flag = deno(['--frobnicate']);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--frobnicate'");
    expect(flag.stderr).toContain('usage: contiv-ts agent');
    const command = deno(['frobnicate']);
    expect(command.status).toBe(2);
    expect(command.stderr).toContain('unknown command "frobnicate"');
  });

  it('main.ts serves /health/ready and exits 0 on SIGTERM', async () => {
    const child = spawn(DENO, ['run', '-P', '--quiet', 'main.ts', '--http-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const m = /ready on (http:\/\/[\d.]+:\d+)/.exec(stderr);
        if (m?.[1]) resolve(m[1]);
      });
      void exited.then(() => reject(new Error(`agent exited early:\n${stderr}`)));
    });
    const res = await fetch(`${url}/health/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ready: true, state: 'running' });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('stopping on SIGTERM');
    expect(stderr).toContain('agent closed');
  });
});
