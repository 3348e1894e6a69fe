import { describe, expect, it } from 'vitest';
import { decideDialOutcome, outcomeFromFinalStatus } from './call-outcome.js';

describe('decideDialOutcome', () => {
  const base = { screening: 'none' as const, screenAccepted: false };
  it('trusts DialBridged when present, whatever the dial status', () => {
    expect(decideDialOutcome({ ...base, dialStatus: 'completed', bridged: false })).toBe('missed');
    expect(decideDialOutcome({ ...base, dialStatus: 'completed', bridged: true })).toBe('answered');
  });
  it('reads the dial status without DialBridged', () => {
    for (const s of ['no-answer', 'busy', 'failed', 'canceled']) {
      expect(decideDialOutcome({ ...base, dialStatus: s, bridged: undefined })).toBe('missed');
    }
    expect(decideDialOutcome({ ...base, dialStatus: 'completed', bridged: undefined })).toBe('answered');
  });
  it('with press-1 screening and no DialBridged, completed counts only with a recorded key press', () => {
    const screened = { screening: 'press-1' as const, dialStatus: 'completed', bridged: undefined };
    expect(decideDialOutcome({ ...screened, screenAccepted: false })).toBe('missed');
    expect(decideDialOutcome({ ...screened, screenAccepted: true })).toBe('answered');
  });
});

describe('outcomeFromFinalStatus', () => {
  it('calls never-answered statuses missed and leaves completed undetermined', () => {
    expect(outcomeFromFinalStatus('no-answer')).toBe('missed');
    expect(outcomeFromFinalStatus('canceled')).toBe('missed');
    expect(outcomeFromFinalStatus('completed')).toBe('undetermined');
  });
});
