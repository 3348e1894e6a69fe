import { describe, expect, it } from 'vitest';
import { decideCallRoute } from './call-routing.js';

const base = { mode: 'ring' as const, forwardTo: ['+15550109999'], outsideHours: false, ringAfterHours: true };

describe('decideCallRoute', () => {
  it('rings in hours', () => expect(decideCallRoute(base)).toEqual({ action: 'ring' }));
  it('rings outside hours when the number still rings after hours', () =>
    expect(decideCallRoute({ ...base, outsideHours: true })).toEqual({ action: 'ring' }));
  it('goes straight to voicemail outside hours when it does not ring after hours', () =>
    expect(decideCallRoute({ ...base, outsideHours: true, ringAfterHours: false })).toMatchObject({ action: 'missed', reason: expect.stringMatching(/outside business hours/) }));
  it('never rings a forwarded line, in or out of hours', () => {
    expect(decideCallRoute({ ...base, mode: 'forwarded' })).toMatchObject({ action: 'missed', reason: expect.stringMatching(/forwarded/) });
    expect(decideCallRoute({ ...base, mode: 'forwarded', outsideHours: true })).toMatchObject({ action: 'missed' });
  });
  it('is missed with nowhere to ring', () =>
    expect(decideCallRoute({ ...base, forwardTo: [] })).toEqual({ action: 'missed', reason: 'no forwarding phones' }));
});
