import { describe, expect, it } from 'vitest';
import { labelKeyProblem, labelValueProblem, portNameProblem, servicePortNameProblem } from '../../../../plugins/ksr/label-syntax.ts';

describe('labelKeyProblem', () => {
  it.each(['app', 'app.kubernetes.io/name', 'a', 'A_b-c.d', 'x'.repeat(63), 'k8s.io/' + 'y'.repeat(63)])('labelKeyProblem() accepts %s', (k) => {
    expect(labelKeyProblem(k)).toBeUndefined();
  });
  it.each(['', '-a', 'a-', 'a b', 'x'.repeat(64), '/a', 'Upper.Case/x', 'a/b/c', 'pre_fix/a'])('labelKeyProblem() rejects "%s"', (k) => {
    expect(labelKeyProblem(k)).toMatch(/label key/);
  });
});

describe('labelValueProblem', () => {
  it.each(['', 'v1', 'a.b_c-d', 'x'.repeat(63)])('labelValueProblem() accepts "%s"', (v) => {
    expect(labelValueProblem(v)).toBeUndefined();
  });
  it.each(['-v', 'v-', 'a b', 'x'.repeat(64), 'a/b'])('labelValueProblem() rejects "%s"', (v) => {
    expect(labelValueProblem(v)).toMatch(/label value/);
  });
});

describe('portNameProblem', () => {
  it.each(['http', 'dns-tcp', 'h2c', 'a'.repeat(15)])('portNameProblem() accepts %s', (n) => expect(portNameProblem(n)).toBeUndefined());
  it.each(['HTTP', '80', 'a--b', '-a', 'a'.repeat(16), ''])('portNameProblem() rejects "%s"', (n) => expect(portNameProblem(n)).toMatch(/port name/));
});

describe('servicePortNameProblem', () => {
  it.each(['http', 'service-port-tcp-80', '80', 'a--b', 'a'.repeat(63)])('servicePortNameProblem() accepts %s', (n) => expect(servicePortNameProblem(n)).toBeUndefined());
  it.each(['HTTP', '-a', 'a-', 'a_b', 'a'.repeat(64), ''])('servicePortNameProblem() rejects "%s"', (n) => expect(servicePortNameProblem(n)).toMatch(/port name/));
});
