/**
 * @module `npm run bench`: the benchmark driver. For each workload size and renderer it starts
 * `--runs` fresh processes of `bench/pipeline-run.ts` (resync, probe add/remove, rule counts,
 * memory) and reports min and median; for L it also runs `bench/event-latency.ts` (etcd +
 * full agent under pod churn). Prints a table and writes JSON (`bench/results/<date>-<size>.json`
 * per size, or one file with `--out`).
 *
 * ```
 * npm run bench -- [--size S|M|L|XL[,...]] [--runs 5] [--renderers acl,vpptcp] [--out PATH]
 *                  [--node] [--no-latency | --latency-only] [--latency-seconds 30] [--rate 100]
 * ```
 * Runs on Deno; `--node` runs the same scripts on Node (compiled once with `tsc -p
 * bench/tsconfig.node.json` into `bench/tmp/node`, Node 20 has no TypeScript stripping).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { SIZES, repoRoot, type Size } from './workload.ts';

/** Targets of issue 9 (medians): resync with the ACL renderer, add/remove, peak RSS. */
const TARGETS: Readonly<Record<Size, { resyncMs: number; changeMs: number; peakRssMB?: number }>> = {
  S: { resyncMs: 10, changeMs: 2 },
  M: { resyncMs: 50, changeMs: 5 },
  L: { resyncMs: 200, changeMs: 10, peakRssMB: 250 },
  XL: { resyncMs: 1500, changeMs: 30, peakRssMB: 450 },
};

/** Metrics summarised as min / median over the runs. */
const TIMED = ['loadMs', 'resyncMs', 'resyncCpuMs', 'addMs', 'delMs', 'peakRssKB', 'hwmAfterLoad', 'hwmAfterResync'] as const;

type RunResult = Record<string, unknown> & { readonly [K in (typeof TIMED)[number]]: number } & { readonly restoredOnDel: boolean };

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const r2 = (x: number): number => Math.round(x * 100) / 100;

/** How to start a bench script in a fresh process. */
function command(script: string, node: boolean): [string, string[]] {
  const root = repoRoot();
  if (node) return ['node', [join(root, 'bench', 'tmp', 'node', 'bench', `${script}.js`)]];
  return [process.execPath, ['run', '-A', '--quiet', join(root, 'bench', `${script}.ts`)]];
}

function runJson(script: string, args: readonly string[], node: boolean): Promise<Record<string, unknown>> {
  const [cmd, base] = command(script, node);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...base, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Uint8Array) => (out += new TextDecoder().decode(d)));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`${script} ${args.join(' ')} exited with ${code}`));
      try {
        resolve(JSON.parse(line) as Record<string, unknown>);
      } catch (err: unknown) {
        reject(new Error(`${script} printed no JSON: ${line.slice(0, 200)}`, { cause: err }));
      }
    });
  });
}

/** Min and median of each timed metric, the deterministic counts of the first run, and every sample. */
function summarise(runs: readonly RunResult[]): Record<string, unknown> {
  const first = runs[0]!;
  const stats = Object.fromEntries(TIMED.map((m) => {
    const xs = runs.map((r) => r[m]);
    return [m, { min: r2(Math.min(...xs)), median: r2(median(xs)) }];
  }));
  const pick = (k: string): unknown => first[k];
  const warmOf = (k: 'resyncMs' | 'addMs' | 'delMs'): number[] => runs.flatMap((r) => {
    const w = r.warm as Record<string, number> | undefined;
    return w ? [w[k]!] : [];
  });
  const warm = warmOf('resyncMs').length > 0
    ? Object.fromEntries((['resyncMs', 'addMs', 'delMs'] as const).map((k) => [k, { min: r2(Math.min(...warmOf(k))), median: r2(median(warmOf(k))) }]))
    : undefined;
  return {
    ...stats,
    ...(warm ? { warm } : {}),
    restoredOnDel: runs.every((r) => r.restoredOnDel),
    ...Object.fromEntries(['localTables', 'localRules', 'globalRules', 'totalRules', 'localInterfaceBindings', 'vppAcls', 'vppSessionRules', 'counts'].map((k) => [k, pick(k)])),
    vppCallsPerStep: Object.fromEntries(Object.entries(first.steps as Record<string, { vppCalls: number; vppOps: number }>).map(([k, s]) => [k, { calls: s.vppCalls, ops: s.vppOps }])),
    samples: runs,
  };
}

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      size: { type: 'string' }, runs: { type: 'string', default: '5' }, out: { type: 'string' }, node: { type: 'boolean', default: false },
      renderers: { type: 'string', default: 'acl,vpptcp' }, 'no-latency': { type: 'boolean', default: false },
      'latency-only': { type: 'boolean', default: false }, 'latency-seconds': { type: 'string', default: '30' }, rate: { type: 'string', default: '100' },
    },
  });
  const sizes = (values.size?.split(',') ?? [...SIZES]) as Size[];
  for (const s of sizes) if (!SIZES.includes(s)) throw new TypeError(`--size ${s}: one of ${SIZES.join(', ')}`);
  const renderers = values.renderers.split(',');
  const runs = Math.max(1, Number(values.runs));
  const node = values.node;
  if (node) {
    const tsc = spawnSync(join(repoRoot(), 'node_modules', '.bin', 'tsc'), ['-p', join(repoRoot(), 'bench', 'tsconfig.node.json')], { stdio: 'inherit' });
    if (tsc.status !== 0) throw new Error('compiling the benchmarks for Node failed');
  }
  const env = { runtime: node ? `node ${spawnSync('node', ['--version']).stdout.toString().trim()}` : `deno ${process.versions.deno ?? '?'}`, cpus: cpus().length, loadAvgBefore: loadavg().map(r2) };
  console.log(`contiv-ts bench on ${env.runtime}, ${env.cpus} CPUs, load average ${env.loadAvgBefore.join(' ')}; ${runs} fresh processes per size and renderer`);
  const results: Record<string, Record<string, unknown>> = {};
  const widths = [13, 10, 9, 9, 14, 8, 6, 12, 8, 13];
  if (!values['latency-only']) {
    console.log(row(['size/renderer', 'resync', 'add', 'remove', 'warm', 'peak RSS', 'tables', 'rules', 'restored', 'target'], widths));
    console.log(row(['', 'min/med ms', 'min/med', 'min/med', 'rs/add/rm med', 'med MB', 'local', 'local+glob', '', 'rs/chg/RSS'], widths));
  }
  for (const size of sizes) {
    const bySize: Record<string, unknown> = {};
    if (!values['latency-only']) {
      for (const renderer of renderers) {
        const samples: RunResult[] = [];
        for (let i = 0; i < runs; i++) samples.push((await runJson('pipeline-run', ['--size', size, '--renderer', renderer, '--warm'], node)) as RunResult);
        const s = summarise(samples);
        bySize[renderer] = s;
        const mm = (k: string): string => {
          const v = s[k] as { min: number; median: number };
          return `${v.min.toFixed(0)}/${v.median.toFixed(0)}`;
        };
        const rss = (s.peakRssKB as { median: number }).median / 1024;
        const w = s.warm as Record<string, { median: number }> | undefined;
        const warm = w ? `${w.resyncMs!.median.toFixed(0)}/${w.addMs!.median.toFixed(0)}/${w.delMs!.median.toFixed(0)}` : '-';
        const t = TARGETS[size];
        const target = renderer === 'acl' ? `${t.resyncMs}/${t.changeMs}/${t.peakRssMB ?? '-'}` : '-';
        console.log(row([`${size} ${renderer}`, mm('resyncMs'), mm('addMs'), mm('delMs'), warm, rss.toFixed(0), String(s.localTables), `${s.localRules}+${s.globalRules}`, String(s.restoredOnDel), target], widths));
      }
    }
    if (size === 'L' && !values['no-latency']) {
      const lat = await runJson('event-latency', ['--workload', size, '--seconds', values['latency-seconds'], '--rate', values.rate], node);
      bySize.eventLatency = lat;
      const l = lat.latency as Record<string, number>;
      const v = lat.latencyVppChanged as Record<string, number>;
      console.log(`${size} event latency at ${lat.achievedRate} changes/s for ${lat.seconds} s: p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms, max ${l.maxMs} ms (changes that touched VPP: p50 ${v.p50Ms}, p99 ${v.p99Ms} ms)`);
    }
    results[size] = { targets: TARGETS[size], ...bySize };
  }
  const meta = { date: new Date().toISOString(), ...env, loadAvgAfter: loadavg().map(r2), runs };
  const dir = join(repoRoot(), 'bench', 'results');
  if (values.out) {
    writeFileSync(values.out, `${JSON.stringify({ meta, sizes: results }, null, 1)}\n`);
    console.log(`wrote ${values.out}`);
  } else {
    mkdirSync(dir, { recursive: true });
    const day = meta.date.slice(0, 10);
    for (const [size, r] of Object.entries(results)) {
      const file = join(dir, `${day}-${size}${node ? '-node' : ''}.json`);
      writeFileSync(file, `${JSON.stringify({ meta, size, ...r }, null, 1)}\n`);
      console.log(`wrote ${file}`);
    }
  }
}

await main();
