/**
 * @module Reads a V8 `.cpuprofile` (Deno or Node `--cpu-prof`) and prints the functions with the
 * most self time and the most inclusive time. With `--window`, only the samples between the
 * marker functions `benchWindowStart` and `benchWindowEnd` of `bench/profile-window.ts` count
 * (so the load of the workload is left out).
 *
 * `deno run -A bench/cpu-profile.ts PROFILE.cpuprofile [--top 30] [--window] [--callers FUNCTION]`
 * (`--callers`: where the self time of one function is spent, by the frames above it).
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { parseArgs } from 'node:util';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self and inclusive time per function, in ms, over the selected samples. */
interface FunctionCost {
  readonly fn: string;
  readonly selfMs: number;
  readonly totalMs: number;
}

const START = 'benchWindowStart';
const END = 'benchWindowEnd';

/** Aggregates a profile by function (`name file:line`). */
function profileCosts(p: Profile, window: boolean, callersOf = ''): { readonly totalMs: number; readonly costs: FunctionCost[]; readonly callers: Map<string, number> } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode): string => {
    const f = n.callFrame;
    const file = f.url.replace(/^.*\/(work\/main|node_modules)\//, '');
    return `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
  };
  const stackOf = (id: number): ProfileNode[] => {
    const out: ProfileNode[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) out.push(byId.get(cur)!);
    return out;
  };
  let from = 0;
  let to = p.samples.length;
  if (window) {
    const has = (i: number, name: string): boolean => stackOf(p.samples[i]!).some((n) => n.callFrame.functionName === name);
    let lastStart = -1;
    for (let i = 0; i < p.samples.length; i++) if (has(i, START)) lastStart = i;
    if (lastStart < 0) throw new TypeError(`no sample inside ${START}: is the profile from a --profile run?`);
    from = lastStart + 1;
    let firstEnd = p.samples.length;
    for (let i = from; i < p.samples.length; i++) {
      if (has(i, END)) {
        firstEnd = i;
        break;
      }
    }
    to = firstEnd;
  }
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const callers = new Map<string, number>();
  let totalMs = 0;
  for (let i = from; i < to; i++) {
    const ms = (p.timeDeltas[i + 1] ?? p.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    const stack = stackOf(p.samples[i]!);
    const top = label(stack[0]!);
    self.set(top, (self.get(top) ?? 0) + ms);
    if (callersOf !== '' && top.startsWith(`${callersOf} `)) {
      const path = stack.slice(1, 5).map(label).join(' < ');
      callers.set(path, (callers.get(path) ?? 0) + ms);
    }
    for (const fn of new Set(stack.map(label))) total.set(fn, (total.get(fn) ?? 0) + ms);
  }
  const costs = [...total.keys()].map((fn) => ({ fn, selfMs: self.get(fn) ?? 0, totalMs: total.get(fn) ?? 0 }));
  return { totalMs, costs, callers };
}

function main(): void {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { top: { type: 'string', default: '30' }, window: { type: 'boolean', default: false }, callers: { type: 'string', default: '' } },
  });
  const file = positionals[0];
  if (!file) throw new TypeError('usage: cpu-profile.ts PROFILE.cpuprofile [--top N] [--window]');
  const { totalMs, costs, callers } = profileCosts(JSON.parse(readFileSync(file, 'utf8')) as Profile, values.window, values.callers);
  const top = Number(values.top);
  const pct = (ms: number): string => `${((100 * ms) / totalMs).toFixed(1).padStart(5)} %`;
  console.log(`${totalMs.toFixed(0)} ms sampled${values.window ? ' (window)' : ''}\n\nself time:`);
  for (const c of [...costs].sort((a, b) => b.selfMs - a.selfMs).slice(0, top)) console.log(`${pct(c.selfMs)} ${c.selfMs.toFixed(1).padStart(8)} ms  ${c.fn}`);
  console.log('\ninclusive time:');
  for (const c of [...costs].sort((a, b) => b.totalMs - a.totalMs).slice(0, top)) console.log(`${pct(c.totalMs)} ${c.totalMs.toFixed(1).padStart(8)} ms  ${c.fn}`);
  if (values.callers === '') return;
  console.log(`\ncallers of ${values.callers} (self time by the 4 frames above it):`);
  for (const [path, ms] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(ms)} ${ms.toFixed(1).padStart(8)} ms  ${path}`);
}

main();
