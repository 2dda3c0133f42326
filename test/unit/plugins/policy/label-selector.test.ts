import { describe, expect, it } from 'vitest';
import { isEmptySelector, requirementMatches, selectorMatches, selectorProblems } from '../../../../plugins/policy/label-selector.ts';
import { req, sel } from './policy-fixtures.ts';

describe('selectorMatches', () => {
  it('selectorMatches() selects everything when the selector is empty, pods without labels included', () => {
    expect(selectorMatches(sel(), {})).toBe(true);
    expect(selectorMatches(sel(), { app: 'x' })).toBe(true);
    expect(isEmptySelector(sel())).toBe(true);
  });
  it('selectorMatches() ANDs matchLabels and every expression', () => {
    const s = sel({ app: 'web' }, req('tier', 'In', 'fe', 'be'), req('canary', 'DoesNotExist'));
    expect(selectorMatches(s, { app: 'web', tier: 'be' })).toBe(true);
    expect(selectorMatches(s, { app: 'web', tier: 'db' })).toBe(false);
    expect(selectorMatches(s, { app: 'web', tier: 'fe', canary: '1' })).toBe(false);
    expect(selectorMatches(s, { tier: 'fe' })).toBe(false);
  });
  it.each([
    ['In matches any of several values (the original required all)', req('env', 'In', 'a', 'b'), { env: 'b' }, true],
    ['In fails without the key', req('env', 'In', 'a'), {}, false],
    ['NotIn excludes any of several values (the original excluded only all)', req('env', 'NotIn', 'a', 'b'), { env: 'a' }, false],
    ['NotIn holds for other values', req('env', 'NotIn', 'a', 'b'), { env: 'c' }, true],
    ['NotIn holds when the key is missing', req('env', 'NotIn', 'a'), {}, true],
    ['Exists', req('env', 'Exists'), { env: '' }, true],
    ['Exists fails without the key', req('env', 'Exists'), {}, false],
    ['DoesNotExist', req('env', 'DoesNotExist'), {}, true],
    ['DoesNotExist fails with the key (the original inverted it)', req('env', 'DoesNotExist'), { env: 'x' }, false],
  ] as const)('requirementMatches() %s', (_name, r, labels, expected) => {
    expect(requirementMatches(r, labels)).toBe(expected);
  });
  it('selectorMatches() handles label keys containing a slash', () => {
    expect(selectorMatches(sel({ 'example.com/team': 'a' }), { 'example.com/team': 'a' })).toBe(true);
    expect(selectorMatches(sel({ 'example.com/team': 'a' }), { 'example.com': 'team/a' })).toBe(false);
  });
});

describe('selectorProblems', () => {
  it('selectorProblems() names unknown operators and misused values', () => {
    const bad = sel({}, { key: 'a', operator: 'Equals' as 'In', values: ['x'] }, req('b', 'In'), req('c', 'Exists', 'x'));
    expect(selectorProblems(bad).map((p) => p.field)).toEqual(['matchExpressions[0].operator', 'matchExpressions[1].values', 'matchExpressions[2].values']);
    expect(selectorProblems(sel({ a: 'b' }, req('x', 'NotIn', 'y')))).toEqual([]);
  });
});
