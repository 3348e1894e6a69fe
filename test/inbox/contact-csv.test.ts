/**
 * Contacts CSV over real HTTP: a preview that lists each row's problem with its line number and
 * stores nothing; an import that refuses while rows are bad, or imports the good ones when asked;
 * an existing phone is updated, not duplicated. Exports of contacts and of calls (with the
 * text-back status and reason), formulas defused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

let f: TwilioFixture;
beforeAll(async () => {
  f = await startTwilioFixture();
});
afterAll(async () => f?.close());

const CSV = [
  'Phone,Full name,Tags,Stage',
  '(512) 555-0199,"Ruiz, Ana",vip;plumbing,',
  'call me,Bob,,',
  '512-555-0142,=HYPERLINK("evil"),,',
  '+1 512 555 0199,Ana again,,',
].join('\r\n');

describe('contacts CSV', () => {
  it('previews every row with its problem in words and stores nothing', async () => {
    const res = await f.t.api('POST', '/api/v1/contacts/import', { token: f.ws.apiKey, body: { csv: CSV } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 2, updated: 0, errors: 2, applied: false });
    expect(res.body.rows.map((r: any) => [r.line, r.action, r.error])).toEqual([
      [2, 'create', null],
      [3, 'error', 'Phone "call me" is not a phone number we can use: include the area code, e.g. (512) 555-0199.'],
      [4, 'create', null],
      [5, 'error', 'Phone +15125550199 is already on line 2: keep one row per phone.'],
    ]);
    const list = await f.t.api('GET', '/api/v1/contacts', { token: f.ws.apiKey });
    expect(list.body.data).toEqual([]);
  });

  it('refuses to import while rows are bad, naming the first; imports the good rows when asked', async () => {
    const refused = await f.t.api('POST', '/api/v1/contacts/import', { token: f.ws.apiKey, body: { csv: CSV, dryRun: false } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ field: 'csv' });
    expect(refused.body.error.message).toMatch(/^CSV line 3: Phone "call me"/);
    expect((await f.t.api('GET', '/api/v1/contacts', { token: f.ws.apiKey })).body.data).toEqual([]);

    const done = await f.t.api('POST', '/api/v1/contacts/import', { token: f.ws.apiKey, body: { csv: CSV, dryRun: false, skipInvalid: true } });
    expect(done.body).toMatchObject({ created: 2, errors: 2, applied: true });
    const ana = (await f.t.api('GET', `/api/v1/contacts?phone=${encodeURIComponent('+15125550199')}`, { token: f.ws.apiKey })).body.data[0];
    expect(ana).toMatchObject({ name: 'Ruiz, Ana', tags: ['plumbing', 'vip'] });

    const again = await f.t.api('POST', '/api/v1/contacts/import', { token: f.ws.apiKey, body: { csv: 'phone,name\n5125550199,Ana Ruiz\n', dryRun: false } });
    expect(again.body).toMatchObject({ created: 0, updated: 1 });
    expect((await f.t.api('GET', '/api/v1/contacts', { token: f.ws.apiKey })).body.data).toHaveLength(2);
  });

  it('explains a file without a phone column', async () => {
    const res = await f.t.api('POST', '/api/v1/contacts/import', { token: f.ws.apiKey, body: { csv: 'name,email\nAna,a@b.co\n' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('CSV: no "phone" column in the header row (found: "name", "email"). Name the phone column "phone".');
  });

  it('exports contacts and calls with the text-back status and reason', async () => {
    const contacts = await fetch(`${f.t.url}/api/v1/contacts/export.csv`, { headers: { authorization: `Bearer ${f.ws.apiKey}` } });
    expect(contacts.headers.get('content-type')).toContain('text/csv');
    const text = await contacts.text();
    expect(text.split('\r\n')[0]).toBe('phone,name,tags,stage,opted_out,textable,created_at');
    expect(text).toContain(`+15125550142,"'=HYPERLINK(""evil"")"`);
    expect(text).toContain('+15125550199,Ana Ruiz,plumbing;vip,,no,yes,');

    const number = await f.addNumber(f.ws, '+15550100081', { forwardTo: ['+15550109999'], voicemail: { enabled: false } });
    await f.call(f.ws, number, { scenario: 'no-answer', from: '+15125550177' });
    await f.call(f.ws, number, { scenario: 'no-answer', from: '+15125550177' });
    f.t.clock.advance(5_000);
    await f.t.drainJobs();
    const calls = await (await fetch(`${f.t.url}/api/v1/calls/export.csv`, { headers: { authorization: `Bearer ${f.ws.apiKey}` } })).text();
    const lines = calls.trim().split('\r\n');
    expect(lines[0]).toBe('started_at,from,to,number_name,outcome,textback_status,textback_reason,carrier_call_id');
    expect(lines).toHaveLength(3);
    const statuses = lines.slice(1).map((l) => l.split(',')[5]).sort();
    expect(statuses).toEqual(['sent', 'skipped']);
    expect(calls).toMatch(/skipped,[^,\r\n]*cooldown/i);
  });
});
