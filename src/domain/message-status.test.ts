import { describe, expect, it } from 'vitest';
import { isStatusAdvance } from './message-status.js';

describe('isStatusAdvance', () => {
  it('moves forward only', () => {
    expect(isStatusAdvance('queued', 'sent')).toBe(true);
    expect(isStatusAdvance('sent', 'delivered')).toBe(true);
    expect(isStatusAdvance('delivered', 'sent')).toBe(false);
    expect(isStatusAdvance('delivered', 'queued')).toBe(false);
    expect(isStatusAdvance('sent', 'sent')).toBe(false);
  });
  it('keeps the first final status', () => {
    expect(isStatusAdvance('delivered', 'undelivered')).toBe(false);
    expect(isStatusAdvance('undelivered', 'delivered')).toBe(false);
  });
  it('lets a read receipt follow delivery', () => {
    expect(isStatusAdvance('delivered', 'read')).toBe(true);
    expect(isStatusAdvance('failed', 'read')).toBe(false);
  });
});
