import { describe, it, expect } from 'vitest';
import { countryOfPhone, isE164, isSipUri, normalizeForwardTarget, normalizePhone } from './phone.js';

describe('normalizePhone', () => {
  it.each([
    ['+15550100001', undefined, '+15550100001'],
    ['+1 555 010 0001', undefined, '+15550100001'],
    ['+1 (555) 010-0001', undefined, '+15550100001'],
    ['(555) 010-0001', 'US', '+15550100001'],
    ['555.010.0001', 'US', '+15550100001'],
    ['1-555-010-0001', 'US', '+15550100001'],
    ['  +1 212 555 0100  ', undefined, '+12125550100'],
    ['tel:+15550100001', undefined, '+15550100001'],
    ['0044 20 7946 0018', 'US', '+442079460018'],
    ['00442079460018', undefined, '+442079460018'],
    ['011 44 20 7946 0018', 'US', '+442079460018'],
    ['020 7946 0018', 'GB', '+442079460018'],
    ['+44 7700 900123', undefined, '+447700900123'],
    ['+61 412 345 678', undefined, '+61412345678'],
    ['+1\u2011555\u2013010\u20130001', undefined, '+15550100001'],
  ] as const)('%j (default %s) → %s', (input, country, expected) => {
    expect(normalizePhone(input, country)).toBe(expected);
  });

  it.each([
    'anonymous',
    'Anonymous',
    'ANONYMOUS',
    'unknown',
    'restricted',
    'client:bob',
    'sip:alice@example.com',
    '',
    '   ',
    '123',
    '+1555',
    '+12',
    '0000000000',
    '+266696687', // Twilio's keypad spelling of ANONYMOUS
    '+86282452253', // … of UNAVAILABLE, which is otherwise a possible Chinese number
    '+1 555 010 0001 ext 5',
    '1-800-FLOWERS',
    'call me at +15550100001',
  ])('%j → null', (input) => {
    expect(normalizePhone(input, 'US')).toBeNull();
  });

  it('needs a default country for a national number', () => {
    expect(normalizePhone('555-010-0001')).toBeNull();
  });

  it('keeps a real number that merely shares digits with a withheld spelling', () => {
    expect(normalizePhone('+1 737 874 2833')).toBe('+17378742833');
  });
});

describe('isE164', () => {
  it.each(['+15550100001', '+442079460018', '+6834002'])('%s is E.164', (s) => {
    expect(isE164(s)).toBe(true);
  });
  it.each(['15550100001', '+05550100001', '+1 555 010 0001', '+1234567890123456', '+12345', ''])(
    '%j is not',
    (s) => {
      expect(isE164(s)).toBe(false);
    },
  );
});

describe('isSipUri', () => {
  it.each([
    'sip:alice@pbx.example.com',
    'sip:alice@pbx.example.com:5060;transport=tls',
    'sips:100@10.0.0.5',
    'SIP:Alice@Example.COM',
    'sip:+15550100001@trunk.example.com;user=phone',
    'sip:pbx.example.com',
    'sip:bob@[2001:db8::1]:5061',
    'sip:alice:secret@example.com?subject=hi',
  ])('%s is a SIP URI', (s) => {
    expect(isSipUri(s)).toBe(true);
  });
  it.each(['alice@example.com', 'sip:', 'sip:alice@', 'sip:alice @example.com', 'http://example.com', 'tel:+15550100001'])(
    '%j is not',
    (s) => {
      expect(isSipUri(s)).toBe(false);
    },
  );
});

describe('normalizeForwardTarget', () => {
  it('normalises phones and keeps SIP URIs as given', () => {
    expect(normalizeForwardTarget(' +1 (555) 010-9999 ')).toBe('+15550109999');
    expect(normalizeForwardTarget('555 010 9999', 'US')).toBe('+15550109999');
    expect(normalizeForwardTarget(' sip:Alice@pbx.example.com:5060;transport=tls ')).toBe(
      'sip:Alice@pbx.example.com:5060;transport=tls',
    );
  });
  it('rejects anything else', () => {
    expect(normalizeForwardTarget('sip:not a uri')).toBeNull();
    expect(normalizeForwardTarget('client:bob')).toBeNull();
    expect(normalizeForwardTarget('')).toBeNull();
  });
});

describe('countryOfPhone', () => {
  it.each([
    ['+12125550100', 'US'],
    ['+14165550100', 'CA'],
    ['+18765550100', 'JM'],
    ['+442079460018', 'GB'],
    ['+447700900123', 'GB'], // drama range: falls back to +44's main country
    ['+4915123456789', 'DE'],
    ['+61412345678', 'AU'],
  ])('%s → %s', (e164, country) => {
    expect(countryOfPhone(e164)).toBe(country);
  });
  it('is undefined for fictional NANP numbers and non-E.164 input', () => {
    expect(countryOfPhone('+15550100001')).toBeUndefined();
    expect(countryOfPhone('2125550100')).toBeUndefined();
  });
});
