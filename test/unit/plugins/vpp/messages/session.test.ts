import { describe, expect, it } from 'vitest';
import { SESSION_RULE_ACTION_ALLOW, SESSION_RULE_ACTION_DROP } from '../../../../../plugins/vpp/messages/session.ts';
import { SESSION_ACTION } from '../../../../../plugins/vpp/sim/tracer/session-rules.ts';

describe('SESSION_RULE_ACTION_DROP', () => {
  it('SESSION_RULE_ACTION_DROP / _ALLOW are VPP\'s action indexes (~0 - 1, ~0 - 2), as the tracer reads them', () => {
    expect(SESSION_RULE_ACTION_DROP).toBe(0xffffffff - 1);
    expect(SESSION_RULE_ACTION_ALLOW).toBe(0xffffffff - 2);
    expect(SESSION_RULE_ACTION_DROP).toBe(SESSION_ACTION.DROP);
    expect(SESSION_RULE_ACTION_ALLOW).toBe(SESSION_ACTION.ALLOW);
  });
});
