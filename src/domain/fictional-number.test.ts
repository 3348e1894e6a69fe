import { describe, expect, it } from 'vitest';
import { EXAMPLE_FICTIONAL_NUMBER, isFictionalNumber } from './fictional-number.js';

describe('isFictionalNumber', () => {
  it('is the North American 555-0100 to 555-0199 range, in any area code', () => {
    for (const n of ['+15125550100', '+15125550142', '+12125550199', '+18005550100', '+15555550150', EXAMPLE_FICTIONAL_NUMBER]) expect(isFictionalNumber(n)).toBe(true);
  });
  it('is nothing else: other 555 numbers, other countries, area codes starting 0 or 1, other shapes', () => {
    for (const n of ['+15125550200', '+15125550099', '+15125551234', '+15550107777', '+15550101234', '+445125550142', '+10125550142', '+11125550142', '+151255501420', '5125550142', '']) {
      expect(isFictionalNumber(n)).toBe(false);
    }
  });
});
