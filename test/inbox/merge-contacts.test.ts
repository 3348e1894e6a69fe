/**
 * Merging duplicate contacts over real HTTP against the Twilio simulator: the same person calling
 * from an office line and texting from a mobile becomes one contact with one thread per business
 * number; replies go to the number the person last reached us from; every number keeps its own
 * opt-out (carriers enforce STOP per number) and an opted-out number is never texted, before or
 * after a merge; bad requests are refused in words and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwilioFixture, type TwilioFixture } from '../support/twilio-fixture.js';

let f: TwilioFixture;
let front: any;
let sales: any;
const OFFICE = '+15550106002';
const MOBILE = '+15550106001';

const toPhone = (phone: string) => f.sim.messages.filter((m) => m.to === phone);
const api = (method: string, path: string, body?: unknown) => f.t.api(method, path, { token: f.ws.apiKey, body });

async function text(from: string, number: any, body: string) {
  f.t.clock.advance(1_000);
  await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from, to: number.number, body, smsUrl: number.webhooks.smsUrl });
  await f.t.drainJobs();
}

async function missedCall(from: string, number: any) {
  f.t.clock.advance(1_000);
  await f.call(f.ws, number, { scenario: 'no-answer', from });
  f.t.clock.advance(5_000);
  await f.t.drainJobs();
}

async function contactByPhone(phone: string) {
  const res = await api('GET', `/api/v1/contacts?phone=${encodeURIComponent(phone)}`);
  return res.body.data as any[];
}

beforeAll(async () => {
  f = await startTwilioFixture();
  front = await f.addNumber(f.ws, '+15550100091', { name: 'Front desk', forwardTo: ['+15550109999'], voicemail: { enabled: false } });
  sales = await f.addNumber(f.ws, '+15550100092', { name: 'Sales', forwardTo: ['+15550109998'], voicemail: { enabled: false } });
});
afterAll(async () => f?.close());

describe('merging duplicate contacts', () => {
  let ana: any;
  let cell: any;

  it('previews what would move, changing nothing', async () => {
    await missedCall(OFFICE, front);
    expect(toPhone(OFFICE)).toHaveLength(1);
    ana = (await contactByPhone(OFFICE))[0];
    await api('PATCH', `/api/v1/contacts/${ana.id}`, { name: 'Ana Ruiz' });
    await api('POST', `/api/v1/contacts/${ana.id}/tags`, { tag: 'vip' });

    await text(MOBILE, front, 'This is Ana, from my cell');
    await text(MOBILE, sales, 'Do you sell water heaters?');
    cell = (await contactByPhone(MOBILE))[0];
    await api('PATCH', `/api/v1/contacts/${cell.id}`, { name: 'ana ruiz' });
    await api('POST', `/api/v1/contacts/${cell.id}/tags`, { tag: 'plumbing' });
    await api('POST', `/api/v1/contacts/${cell.id}/notes`, { body: 'Prefers texts' });

    const dupes = await api('GET', `/api/v1/contacts/${ana.id}/duplicates`);
    expect(dupes.body.data.map((d: any) => [d.contact.id, d.reason])).toEqual([[cell.id, 'Same name']]);

    const preview = await api('GET', `/api/v1/contacts/${ana.id}/merge-preview?from=${cell.id}`);
    expect(preview.status).toBe(200);
    expect(preview.body.moves).toEqual({ conversationsMoved: 1, conversationsJoined: 1, messages: 2, calls: 0, notes: 1, workflowRuns: 0 });
    // She last reached us from the mobile: replies will go there.
    expect(preview.body.result).toEqual({
      name: 'Ana Ruiz',
      phone: MOBILE,
      otherPhones: [{ phone: OFFICE, optedOut: false }],
      tags: ['plumbing', 'vip'],
      stage: null,
    });
    expect((await contactByPhone(MOBILE))[0].id).toBe(cell.id);
  });

  it('refuses bad requests in words and changes nothing', async () => {
    const self = await api('POST', `/api/v1/contacts/${ana.id}/merge`, { from: ana.id });
    expect(self.status).toBe(400);
    expect(self.body.error).toMatchObject({ field: 'from', message: 'from: a contact cannot be merged with itself; pick the duplicate to merge into this one' });

    const other = await f.addWorkspace('Other Co');
    const stranger = await f.t.api('POST', '/api/v1/contacts', { token: other.apiKey, body: { phone: '+15550106009' } });
    const foreign = await api('POST', `/api/v1/contacts/${ana.id}/merge`, { from: stranger.body.id });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.field).toBe('from');
    expect(foreign.body.error.message).toMatch(/no contact with that id in this workspace/);
    // Nor can another workspace merge ours.
    const intoForeign = await f.t.api('POST', `/api/v1/contacts/${stranger.body.id}/merge`, { token: other.apiKey, body: { from: ana.id } });
    expect(intoForeign.status).toBe(400);
    const fromForeign = await f.t.api('POST', `/api/v1/contacts/${ana.id}/merge`, { token: other.apiKey, body: { from: stranger.body.id } });
    expect(fromForeign.status).toBe(404);

    const missing = await api('POST', `/api/v1/contacts/${ana.id}/merge`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe('from');

    expect((await api('GET', `/api/v1/contacts/${cell.id}`)).status).toBe(200);
    expect((await api('GET', `/api/v1/contacts/${ana.id}`)).body.otherPhones).toEqual([]);
  });

  it('merges in one go: one contact, joined threads, tags, notes, both numbers', async () => {
    const res = await api('POST', `/api/v1/contacts/${ana.id}/merge`, { from: cell.id, name: 'Ana Ruiz' });
    expect(res.status).toBe(200);
    expect(res.body.contact).toMatchObject({ id: ana.id, name: 'Ana Ruiz', phone: MOBILE, tags: ['plumbing', 'vip'] });
    expect(res.body.contact.otherPhones).toEqual([{ phone: OFFICE, optedOut: false, textable: true, notTextableReason: null }]);
    expect((await api('GET', `/api/v1/contacts/${cell.id}`)).status).toBe(404);
    // Either number finds her.
    expect((await contactByPhone(OFFICE)).map((c) => c.id)).toEqual([ana.id]);
    expect((await contactByPhone(MOBILE)).map((c) => c.id)).toEqual([ana.id]);

    const convs = (await api('GET', `/api/v1/conversations?contactId=${ana.id}&status=all`)).body.data;
    expect(convs.map((c: any) => c.phoneNumberId).sort()).toEqual([front.id, sales.id].sort());
    const frontThread = convs.find((c: any) => c.phoneNumberId === front.id);
    const msgs = (await api('GET', `/api/v1/conversations/${frontThread.id}/messages`)).body.data;
    expect(msgs.map((m: any) => m.body).sort()).toEqual([toPhone(OFFICE)[0]!.body, 'This is Ana, from my cell'].sort());
    expect(msgs.every((m: any) => m.contactId === ana.id)).toBe(true);
    const calls = (await api('GET', '/api/v1/calls')).body.data;
    expect(calls.every((c: any) => c.contactId === ana.id)).toBe(true);

    const notes = (await api('GET', `/api/v1/contacts/${ana.id}/notes`)).body.data.map((n: any) => n.body);
    expect(notes).toContain('Prefers texts');
    expect(notes.some((b: string) => b.startsWith('Merged the duplicate “ana ruiz” (+15550106001) into this contact: 2 conversations, 2 messages, 0 calls, 1 note'))).toBe(true);
  });

  it('replies go to the number she last reached us from', async () => {
    const frontThread = (await api('GET', `/api/v1/conversations?contactId=${ana.id}&phoneNumberId=${front.id}`)).body.data[0];
    const sentToMobile = toPhone(MOBILE).length;
    expect((await api('POST', `/api/v1/conversations/${frontThread.id}/messages`, { body: 'Got it, Ana' })).status).toBe(201);
    await f.t.drainJobs();
    expect(toPhone(MOBILE).slice(sentToMobile).map((m) => m.body)).toEqual(['Got it, Ana']);

    // She calls from the office: still Ana (no new contact), and the office line is where replies go now.
    const sentToOffice = toPhone(OFFICE).length;
    await missedCall(OFFICE, sales);
    expect((await api('GET', '/api/v1/contacts')).body.data.map((c: any) => c.id)).toEqual([ana.id]);
    expect((await api('GET', `/api/v1/contacts/${ana.id}`)).body).toMatchObject({ phone: OFFICE, otherPhones: [{ phone: MOBILE, optedOut: false }] });
    expect(toPhone(OFFICE).length).toBe(sentToOffice + 1); // the text-back, once
    await api('POST', `/api/v1/conversations/${frontThread.id}/messages`, { body: 'Calling you back' });
    await f.t.drainJobs();
    expect(toPhone(OFFICE).at(-1)!.body).toBe('Calling you back');
  });

  it('keeps each number’s opt-out: a STOP from the office never silences the mobile, nor the reverse', async () => {
    const frontThread = (await api('GET', `/api/v1/conversations?contactId=${ana.id}&phoneNumberId=${front.id}`)).body.data[0];
    await text(OFFICE, front, 'STOP');
    const afterStop = toPhone(OFFICE).length; // the one opt-out confirmation
    const refused = await api('POST', `/api/v1/conversations/${frontThread.id}/messages`, { body: 'Are you there?' });
    expect(refused.status).toBe(422);

    // She texts from the mobile: replies go there again, and the office stays opted out.
    await text(MOBILE, front, 'Texting from my cell now');
    const detail = (await api('GET', `/api/v1/contacts/${ana.id}`)).body;
    expect(detail).toMatchObject({ phone: MOBILE, optedOut: false, otherPhones: [{ phone: OFFICE, optedOut: true }] });
    expect((await api('POST', `/api/v1/conversations/${frontThread.id}/messages`, { body: 'Hi again' })).status).toBe(201);
    await f.t.drainJobs();
    expect(toPhone(MOBILE).at(-1)!.body).toBe('Hi again');

    // A missed call from the opted-out office line: still Ana, and no text-back to it.
    await missedCall(OFFICE, front);
    expect(toPhone(OFFICE).length).toBe(afterStop);
    expect((await api('GET', '/api/v1/contacts')).body.data).toHaveLength(1);
    const detailAfter = (await api('GET', `/api/v1/contacts/${ana.id}`)).body;
    expect(detailAfter).toMatchObject({ phone: OFFICE, optedOut: true, otherPhones: [{ phone: MOBILE, optedOut: false }] });
  });

  it('a text queued to one number is judged by that number, even after the main number changed', async () => {
    // The office is main and opted out; the mobile is fine. She texts from the mobile, a reply is
    // queued to it, then the office line texts (becoming main again) before the send job runs.
    await text(MOBILE, front, 'Still there?');
    const frontThread = (await api('GET', `/api/v1/conversations?contactId=${ana.id}&phoneNumberId=${front.id}`)).body.data[0];
    const queued = await api('POST', `/api/v1/conversations/${frontThread.id}/messages`, { body: 'Yes, we are' });
    expect(queued.status).toBe(201);
    expect(queued.body.to).toBe(MOBILE);
    await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from: OFFICE, to: front.number, body: 'sorry wrong phone', smsUrl: front.webhooks.smsUrl });
    await f.t.drainJobs();
    expect(toPhone(MOBILE).at(-1)!.body).toBe('Yes, we are');
  });

  it('merging never loses an opt-out: an opted-out duplicate’s number stays opted out', async () => {
    const BEN_HOME = '+15550106011';
    const BEN_WORK = '+15550106012';
    await text(BEN_HOME, front, 'STOP');
    await missedCall(BEN_WORK, sales);
    const home = (await contactByPhone(BEN_HOME))[0];
    const work = (await contactByPhone(BEN_WORK))[0];
    const sentHome = toPhone(BEN_HOME).length;
    const merged = await api('POST', `/api/v1/contacts/${home.id}/merge`, { from: work.id });
    expect(merged.status).toBe(200);
    // Work called last: it is the main number; home stays opted out as a further number.
    expect(merged.body.contact).toMatchObject({ phone: BEN_WORK, optedOut: false, otherPhones: [{ phone: BEN_HOME, optedOut: true }] });
    await missedCall(BEN_HOME, sales);
    expect(toPhone(BEN_HOME).length).toBe(sentHome);
    const calls = (await api('GET', '/api/v1/calls')).body.data.filter((c: any) => c.from === BEN_HOME);
    expect(calls[0]).toMatchObject({ contactId: home.id, textBack: { status: 'skipped' } });
    expect(calls[0].textBack.reason).toMatch(/opted out/i);
  });

  it('a text-back goes to the number that called, even when a merge made another number the main one meanwhile', async () => {
    const CAL_CELL = '+15550106021';
    const CAL_DESK = '+15550106022';
    // The desk line calls; before the text-back goes out, the cell texts and the two are merged.
    f.t.clock.advance(1_000);
    await f.call(f.ws, front, { scenario: 'no-answer', from: CAL_DESK });
    f.t.clock.advance(1_000);
    await f.sim.sendInboundSms({ accountSid: f.ws.accountSid, from: CAL_CELL, to: front.number, body: 'Cal here, on my cell', smsUrl: front.webhooks.smsUrl });
    const cell = (await contactByPhone(CAL_CELL))[0];
    const desk = (await contactByPhone(CAL_DESK))[0];
    const merged = await api('POST', `/api/v1/contacts/${cell.id}/merge`, { from: desk.id });
    expect(merged.body.contact).toMatchObject({ phone: CAL_CELL, otherPhones: [{ phone: CAL_DESK }] });
    f.t.clock.advance(5_000);
    await f.t.drainJobs();
    expect(toPhone(CAL_DESK)).toHaveLength(1);
    expect(toPhone(CAL_CELL)).toHaveLength(0);
  });

  it('a delivery clears the strikes of the number it reached: a further number’s own row, never the main number’s', async () => {
    const DAN_CELL = '+15550106031';
    const DAN_DESK = '+15550106032';
    const db = f.t.runtime.ctx.db;
    await text(DAN_DESK, front, 'desk here');
    await text(DAN_CELL, front, 'cell here');
    const desk = (await contactByPhone(DAN_DESK))[0];
    const cell = (await contactByPhone(DAN_CELL))[0];
    const merged = await api('POST', `/api/v1/contacts/${desk.id}/merge`, { from: cell.id });
    expect(merged.body.contact).toMatchObject({ phone: DAN_CELL, otherPhones: [{ phone: DAN_DESK }] });
    // A reply to the cell goes out; then the desk writes, and becomes the main number.
    const thread = (await api('GET', `/api/v1/conversations?contactId=${desk.id}&phoneNumberId=${front.id}`)).body.data[0];
    expect((await api('POST', `/api/v1/conversations/${thread.id}/messages`, { body: 'On it' })).status).toBe(201);
    await f.t.drainJobs();
    const sent = toPhone(DAN_CELL).at(-1)!;
    await text(DAN_DESK, front, 'desk again');
    expect((await api('GET', `/api/v1/contacts/${desk.id}`)).body).toMatchObject({ phone: DAN_DESK, otherPhones: [{ phone: DAN_CELL }] });
    // Strikes on every row a delivery could touch.
    await db.updateTable('contact_phones').set({ unreachable_strikes: 2 }).where('contact_id', '=', desk.id).where('phone', '=', DAN_CELL).execute();
    await db.updateTable('contacts').set({ unreachable_strikes: 1 }).where('id', '=', desk.id).execute();
    await db.updateTable('phone_numbers').set({ sender_block_strikes: 1 }).where('id', '=', front.id).execute();

    expect((await f.sim.deliverStatus(sent.sid, 'delivered')).statusCode).toBe(204);
    const other = await db.selectFrom('contact_phones').select('unreachable_strikes').where('contact_id', '=', desk.id).where('phone', '=', DAN_CELL).executeTakeFirstOrThrow();
    const main = await db.selectFrom('contacts').select('unreachable_strikes').where('id', '=', desk.id).executeTakeFirstOrThrow();
    const number = await db.selectFrom('phone_numbers').select('sender_block_strikes').where('id', '=', front.id).executeTakeFirstOrThrow();
    expect({ other: other.unreachable_strikes, main: main.unreachable_strikes, sender: number.sender_block_strikes }).toEqual({ other: 0, main: 1, sender: 0 });
    await db.updateTable('contacts').set({ unreachable_strikes: 0 }).where('id', '=', desk.id).execute();
  });

  it('suggests the same number imported under another country code', async () => {
    const us = await api('POST', '/api/v1/contacts', { phone: '+15550106041', name: 'Gil' });
    const mx = await api('POST', '/api/v1/contacts', { phone: '+525550106041' });
    expect([us.status, mx.status]).toEqual([201, 201]);
    const dupes = await api('GET', `/api/v1/contacts/${us.body.id}/duplicates`);
    expect(dupes.body.data.map((d: any) => [d.contact.id, d.reason])).toEqual([[mx.body.id, 'Same number, written differently']]);
  });

  it('a new contact cannot take a number a merged contact already has', async () => {
    const res = await api('POST', '/api/v1/contacts', { phone: MOBILE });
    expect(res.status).toBe(409);
    expect(res.body.error.field).toBe('phone');
  });
});
