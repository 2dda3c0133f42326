import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VPP_DETAILS, VPP_EVENTS, VPP_GETS, VPP_REPLIES } from '../../../../../plugins/vpp/messages/message-map.ts';
import { loadApiDefinitions, SHIPPED_API_DIR } from '../../../../../plugins/vpp/socket/api-definitions-loader.ts';
import { ApiDefinitionError } from '../../../../../plugins/vpp/socket/socket-errors.ts';
import { REQUEST_HEADER } from '../../../../fakes/vpp-api-json.ts';

describe('loadApiDefinitions', () => {
  it('loadApiDefinitions() reads *.api.json files of nested directories', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'api-'));
    await mkdir(join(dir, 'core'));
    await writeFile(join(dir, 'core', 'a.api.json'), JSON.stringify({ messages: [['a', ...REQUEST_HEADER, { crc: '0x00000001' }]] }));
    await writeFile(join(dir, 'b.api.json'), JSON.stringify({ messages: [['b', ...REQUEST_HEADER, { crc: '0x00000002' }]] }));
    await writeFile(join(dir, 'ignored.json'), '{}');
    const defs = await loadApiDefinitions(dir);
    expect(defs.messageNames()).toEqual(['a', 'b']);
    expect(defs.origin).toBe(dir);
  });

  it('loadApiDefinitions() fails naming a directory that does not exist or holds no definitions', async () => {
    await expect(loadApiDefinitions('/nonexistent/vpp/api')).rejects.toThrow(ApiDefinitionError);
    await expect(loadApiDefinitions(await mkdtemp(join(tmpdir(), 'api-')))).rejects.toThrow(/holds no \*\.api\.json files/);
  });

  it('loadApiDefinitions() of the shipped directory defines every request, reply, dump, details, cursor get and event of the typed messages', async () => {
    const defs = await loadApiDefinitions(SHIPPED_API_DIR);
    for (const [req, reply] of Object.entries(VPP_REPLIES)) {
      expect(defs.message(req)?.kind, req).toBe('request');
      expect(defs.message(reply)?.kind, reply).toBe('reply');
      expect(defs.replyOf(req), req).toBe(reply);
    }
    for (const [dump, details] of Object.entries(VPP_DETAILS)) {
      expect(defs.message(dump)?.kind, dump).toBe('request');
      expect(defs.message(details)?.kind, details).toBe('reply');
      expect(defs.replyOf(dump), dump).toBe(details);
    }
    for (const [get, { reply, details }] of Object.entries(VPP_GETS)) {
      expect(defs.message(get)?.kind, get).toBe('request');
      expect(defs.message(reply)?.kind, reply).toBe('reply');
      expect(defs.message(details)?.kind, details).toBe('reply');
      expect(defs.replyOf(get), get).toBe(reply);
    }
    for (const e of VPP_EVENTS) expect(defs.message(e)?.kind, e).toBe('event');
    for (const m of ['sockclnt_create', 'sockclnt_create_reply', 'sockclnt_delete', 'sockclnt_delete_reply']) expect(defs.has(m), m).toBe(true);
    expect(defs.nameCrc('sockclnt_create')).toBe('sockclnt_create_455fb9c4');
    // VPP 22.10 has no legacy NAT messages; the shipped set follows it.
    for (const gone of ['nat44_forwarding_is_enabled', 'nat44_interface_add_del_output_feature', 'nat44_interface_output_feature_dump']) expect(defs.has(gone), gone).toBe(false);
    expect(defs.nameCrc('nat44_ed_plugin_enable_disable')).toBe('nat44_ed_plugin_enable_disable_be17f8dd');
    expect(defs.nameCrc('nat44_show_running_config_reply')).toBe('nat44_show_running_config_reply_93d8e267');
    expect(defs.nameCrc('nat44_ed_output_interface_get')).toBe('nat44_ed_output_interface_get_f75ba505');
  });
});
