import { describe, it, expect } from 'vitest';
import { COUNTRY_ZONES, NANP_AREA_CODE_ZONES, timeZoneForPhone } from './time-zones.js';
import { isValidTimeZone } from './local-time.js';

// One area code from every US state, DC, the territories and every Canadian province/territory.
const BY_REGION: Array<[string, string, string]> = [
  ['AL', '205', 'America/Chicago'],
  ['AK', '907', 'America/Anchorage'],
  ['AZ', '602', 'America/Phoenix'],
  ['AR', '501', 'America/Chicago'],
  ['CA', '415', 'America/Los_Angeles'],
  ['CO', '303', 'America/Denver'],
  ['CT', '203', 'America/New_York'],
  ['DE', '302', 'America/New_York'],
  ['DC', '202', 'America/New_York'],
  ['FL', '305', 'America/New_York'],
  ['FL panhandle', '850', 'America/Chicago'],
  ['GA', '404', 'America/New_York'],
  ['HI', '808', 'Pacific/Honolulu'],
  ['ID', '208', 'America/Boise'],
  ['IL', '312', 'America/Chicago'],
  ['IN', '317', 'America/Indiana/Indianapolis'],
  ['IN northwest', '219', 'America/Chicago'],
  ['IA', '515', 'America/Chicago'],
  ['KS', '316', 'America/Chicago'],
  ['KY', '502', 'America/Kentucky/Louisville'],
  ['KY west', '270', 'America/Chicago'],
  ['LA', '504', 'America/Chicago'],
  ['ME', '207', 'America/New_York'],
  ['MD', '410', 'America/New_York'],
  ['MA', '617', 'America/New_York'],
  ['MI', '313', 'America/Detroit'],
  ['MN', '612', 'America/Chicago'],
  ['MS', '601', 'America/Chicago'],
  ['MO', '314', 'America/Chicago'],
  ['MT', '406', 'America/Denver'],
  ['NE', '402', 'America/Chicago'],
  ['NV', '702', 'America/Los_Angeles'],
  ['NH', '603', 'America/New_York'],
  ['NJ', '201', 'America/New_York'],
  ['NM', '505', 'America/Denver'],
  ['NY', '212', 'America/New_York'],
  ['NC', '919', 'America/New_York'],
  ['ND', '701', 'America/Chicago'],
  ['OH', '614', 'America/New_York'],
  ['OK', '405', 'America/Chicago'],
  ['OR', '503', 'America/Los_Angeles'],
  ['PA', '215', 'America/New_York'],
  ['RI', '401', 'America/New_York'],
  ['SC', '803', 'America/New_York'],
  ['SD', '605', 'America/Chicago'],
  ['TN east', '865', 'America/New_York'],
  ['TN', '615', 'America/Chicago'],
  ['TX', '214', 'America/Chicago'],
  ['TX El Paso', '915', 'America/Denver'],
  ['UT', '801', 'America/Denver'],
  ['VT', '802', 'America/New_York'],
  ['VA', '703', 'America/New_York'],
  ['WA', '206', 'America/Los_Angeles'],
  ['WV', '304', 'America/New_York'],
  ['WI', '414', 'America/Chicago'],
  ['WY', '307', 'America/Denver'],
  ['PR', '787', 'America/Puerto_Rico'],
  ['VI', '340', 'America/St_Thomas'],
  ['GU', '671', 'Pacific/Guam'],
  ['AB', '403', 'America/Edmonton'],
  ['BC', '604', 'America/Vancouver'],
  ['MB', '204', 'America/Winnipeg'],
  ['NB', '506', 'America/Moncton'],
  ['NL', '709', 'America/St_Johns'],
  ['NS', '902', 'America/Halifax'],
  ['ON', '416', 'America/Toronto'],
  ['PE', '782', 'America/Halifax'],
  ['QC', '514', 'America/Toronto'],
  ['SK', '306', 'America/Regina'],
  ['YT/NT/NU', '867', 'America/Edmonton'],
];

describe('timeZoneForPhone: NANP', () => {
  it.each(BY_REGION)('%s (%s) → %s', (_region, areaCode, zone) => {
    expect(timeZoneForPhone(`+1${areaCode}2000100`)).toBe(zone);
  });

  it('has no answer for fictional, toll-free and unassigned area codes', () => {
    expect(timeZoneForPhone('+15550100001')).toBeUndefined();
    expect(timeZoneForPhone('+18005550100')).toBeUndefined();
    expect(timeZoneForPhone('+18885550100')).toBeUndefined();
    expect(timeZoneForPhone('+12115550100')).toBeUndefined();
  });

  it('falls back to the country for other NANP countries', () => {
    expect(timeZoneForPhone('+18765550100')).toBe('America/Jamaica');
    expect(timeZoneForPhone('+12425550100')).toBe('America/Nassau');
  });

  it('lists a sensible number of codes, all in valid zones', () => {
    expect(NANP_AREA_CODE_ZONES.size).toBeGreaterThan(400);
    for (const [code, zone] of NANP_AREA_CODE_ZONES) {
      expect(code).toMatch(/^[2-9][0-9]{2}$/);
      expect(isValidTimeZone(zone), zone).toBe(true);
    }
  });
});

describe('timeZoneForPhone: other countries', () => {
  it.each([
    ['+442079460018', 'Europe/London'],
    ['+4915123456789', 'Europe/Berlin'],
    ['+33612345678', 'Europe/Paris'],
    ['+34612345678', 'Europe/Madrid'],
    ['+393123456789', 'Europe/Rome'],
    ['+31612345678', 'Europe/Amsterdam'],
    ['+353871234567', 'Europe/Dublin'],
    ['+61412345678', 'Australia/Sydney'],
    ['+64211234567', 'Pacific/Auckland'],
    ['+919812345678', 'Asia/Kolkata'],
    ['+525512345678', 'America/Mexico_City'],
    ['+5511912345678', 'America/Sao_Paulo'],
    ['+27821234567', 'Africa/Johannesburg'],
    ['+6581234567', 'Asia/Singapore'],
    ['+819012345678', 'Asia/Tokyo'],
  ])('%s → %s', (e164, zone) => {
    expect(timeZoneForPhone(e164)).toBe(zone);
  });

  it('has no answer for unlisted countries or garbage', () => {
    expect(timeZoneForPhone('+79161234567')).toBeUndefined(); // Russia: eleven zones
    expect(timeZoneForPhone('anonymous')).toBeUndefined();
    expect(timeZoneForPhone('')).toBeUndefined();
  });

  it('maps only to valid zones', () => {
    for (const zone of Object.values(COUNTRY_ZONES)) expect(isValidTimeZone(zone), zone).toBe(true);
  });
});
