import { describe, expect, it } from 'vitest';
import {
  VPP_DETAILS,
  VPP_EVENTS,
  VPP_REPLIES,
  isChangingMessage,
  isDumpName,
  isEventName,
  isRequestName,
} from '../../../../../plugins/vpp/messages/message-map.ts';

describe('message-map', () => {
  it('VPP_REPLIES names each reply `<request>_reply`, as VPP does', () => {
    for (const [req, reply] of Object.entries(VPP_REPLIES)) expect(reply).toBe(`${req}_reply`);
  });

  it('VPP_DETAILS names each details message `<x>_details` for dump `<x>_dump`', () => {
    for (const [dump, details] of Object.entries(VPP_DETAILS)) {
      expect(dump.endsWith('_dump')).toBe(true);
      expect(details).toBe(`${dump.slice(0, -'_dump'.length)}_details`);
    }
  });

  it('isRequestName(), isDumpName() and isEventName() tell the three kinds apart', () => {
    expect([isRequestName('acl_add_replace'), isDumpName('acl_add_replace'), isEventName('acl_add_replace')]).toEqual([true, false, false]);
    expect([isRequestName('acl_dump'), isDumpName('acl_dump')]).toEqual([false, true]);
    expect(isEventName('dhcp_compl_event')).toBe(true);
    expect(VPP_EVENTS).toEqual(['dhcp_compl_event']);
    expect(isRequestName('toString')).toBe(false);
  });

  it('isChangingMessage() is false for dumps and read-only requests and true for configuration requests', () => {
    expect(isChangingMessage('acl_dump')).toBe(false);
    expect(isChangingMessage('control_ping')).toBe(false);
    expect(isChangingMessage('nat44_forwarding_is_enabled')).toBe(false);
    expect(isChangingMessage('acl_add_replace')).toBe(true);
    expect(isChangingMessage('nat44_forwarding_enable_disable')).toBe(true);
  });
});
