import { describe, expect, it } from 'vitest';
import {
  VPP_DETAILS,
  VPP_EVENTS,
  VPP_GETS,
  VPP_REPLIES,
  isChangingMessage,
  isDumpName,
  isEventName,
  isGetName,
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

  it('VPP_GETS names each cursor get `<x>_get` with reply `<x>_get_reply`', () => {
    for (const [get, { reply }] of Object.entries(VPP_GETS)) {
      expect(get.endsWith('_get')).toBe(true);
      expect(reply).toBe(`${get}_reply`);
    }
    expect(VPP_GETS.nat44_ed_output_interface_get.details).toBe('nat44_ed_output_interface_details');
  });

  it('isRequestName(), isDumpName(), isGetName() and isEventName() tell the four kinds apart', () => {
    expect([isRequestName('acl_add_replace'), isDumpName('acl_add_replace'), isGetName('acl_add_replace'), isEventName('acl_add_replace')]).toEqual([true, false, false, false]);
    expect([isRequestName('acl_dump'), isDumpName('acl_dump')]).toEqual([false, true]);
    const get = 'nat44_ed_output_interface_get';
    expect([isRequestName(get), isDumpName(get), isGetName(get)]).toEqual([false, false, true]);
    expect(isEventName('dhcp_compl_event')).toBe(true);
    expect(VPP_EVENTS).toEqual(['dhcp_compl_event']);
    expect(isRequestName('toString')).toBe(false);
  });

  it('isChangingMessage() is false for dumps, cursor gets and read-only requests and true for configuration requests', () => {
    expect(isChangingMessage('acl_dump')).toBe(false);
    expect(isChangingMessage('nat44_ed_output_interface_get')).toBe(false);
    expect(isChangingMessage('control_ping')).toBe(false);
    expect(isChangingMessage('nat44_show_running_config')).toBe(false);
    expect(isChangingMessage('acl_add_replace')).toBe(true);
    expect(isChangingMessage('nat44_forwarding_enable_disable')).toBe(true);
    expect(isChangingMessage('nat44_ed_plugin_enable_disable')).toBe(true);
  });
});
