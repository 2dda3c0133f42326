/**
 * The reachability page in a real browser: Debian's chromium, headless, driven by playwright-core,
 * loads `/` from a running agent (REST on a free port), finds the denied cell of an isolated pod,
 * clicks it and sees the trace and the policy. Saves `test-output/reachability.png`.
 * Without `/usr/bin/chromium` the test is skipped with a printed reason, unless REQUIRE_BROWSER=1.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traceFixture, type TraceFixture } from '../plugins/trace-fakes.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOT = join('test-output', 'reachability.png');

const present = existsSync(CHROMIUM);
if (!present) {
  if (process.env['REQUIRE_BROWSER'] === '1') throw new Error(`REQUIRE_BROWSER=1 but ${CHROMIUM} is missing (apt-get install -y chromium)`);
  console.warn(`*** ${CHROMIUM} not found: the reachability page browser test is SKIPPED (apt-get install -y chromium)`);
}

describe.skipIf(!present)('reachability page', () => {
  let f: TraceFixture;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const requests: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    f = await traceFixture({ http: { enabled: true, port: 0 } });
    const address = f.agent.address();
    if (!address) throw new Error('the agent does not serve REST');
    base = `http://127.0.0.1:${address.port}`;
    profile = await mkdtemp(join(tmpdir(), 'contiv-ts-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1400, height: 900 } });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
    await f?.close();
  });

  it('shows the matrix grouped by namespace, and a denied cell explains its trace and policy', async () => {
    await page.goto(`${base}/`);
    const denied = page.locator('td.cell[data-from="x/c"][data-to="x/a"]');
    await denied.waitFor();
    expect(await page.locator('#matrix th.ns').allTextContents()).toEqual(['x', 'y', 'x', 'y']);
    expect(await denied.getAttribute('data-state')).toBe('denied');
    expect(await page.locator('td.cell[data-from="x/b"][data-to="x/c"]').getAttribute('data-state')).toBe('allowed');
    expect(await page.locator('td.cell[data-from="x/b"][data-to="x/a"]').getAttribute('data-state')).toBe('partial');

    await denied.click();
    await page.locator('#detail-policies .policy-name').first().waitFor();
    expect(await page.locator('#detail-title').textContent()).toBe('x/c → x/a');
    expect(await page.locator('#detail-verdict .verdict-line').textContent()).toMatch(/DENIED \(dropped\)/);
    expect(await page.locator('#detail-policies .policy-name').allTextContents()).toEqual(['x/only-b-to-a']);
    expect(await page.locator('#detail-policies li').first().textContent()).toContain('isolates x/a ingress');
    const decided = page.locator('#detail-steps li.step.decided');
    expect(await decided.locator('.step-kind').textContent()).toBe('acl-output');
    expect(await decided.locator('.step-detail').textContent()).toMatch(/contiv\/vpp-policy-[0-9A-F]+ rule \d+ DENY/);
    expect(await decided.locator('.step-origin').allTextContents()).toEqual(['from ingress isolation by x/only-b-to-a']);
    expect(await page.locator('#detail-steps li.step').count()).toBeGreaterThan(2);

    await mkdir('test-output', { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect((await stat(SCREENSHOT)).size).toBeGreaterThan(10_000);

    expect(pageErrors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(base))).toEqual([]);
  }, 60_000);

  it('an allowed port of a partly denied pair shows the allowing rule', async () => {
    await page.locator('td.cell[data-from="x/b"][data-to="x/a"]').click();
    await page.locator('#detail-ports button', { hasText: 'TCP 80' }).click();
    await page.locator('#detail-verdict.allowed').waitFor();
    expect(await page.locator('#detail-policies li').first().textContent()).toContain('allows ingress (rule 0) for x/a');
    expect(await page.locator('#detail-ends li').allTextContents()).toEqual([
      expect.stringMatching(/^opening packet delivered at node-1: delivered to pod [\d.]+ \(x\/a\)$/),
      expect.stringMatching(/^answer delivered at node-1: delivered to pod [\d.]+ \(x\/b\)$/),
    ]);
  }, 60_000);
});
