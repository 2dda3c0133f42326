import { describe, expect, it } from 'vitest';
import { NatRejectSightings } from '../../../../../../plugins/vpp/config/descriptors/nat-reject-sightings.ts';

describe('NatRejectSightings', () => {
  it('take() returns what both dumps of this resync saw, once', () => {
    const s = new NatRejectSightings();
    s.startMappings();
    s.sawMappings([]);
    s.startRoutes();
    s.sawRoutes([{ ip: 1, type: 5 }]);
    expect(s.take()).toEqual({ mappings: [], routes: [{ ip: 1, type: 5 }] });
    expect(() => s.take()).toThrow(expect.objectContaining({ code: 'VPP_REJECT_SIGHTINGS_MISSING', missing: ['static-mapping dump', 'route dump'] }));
  });

  it('take() fails when a dump started but did not complete (its old sighting does not count)', () => {
    const s = new NatRejectSightings();
    s.sawMappings([]);
    s.sawRoutes([]);
    s.startRoutes();
    expect(() => s.take()).toThrow(expect.objectContaining({ missing: ['route dump'] }));
  });
});
