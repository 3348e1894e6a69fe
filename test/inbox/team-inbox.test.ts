/**
 * The team inbox over real HTTP: two signed-in members, a customer texting the demo (sandbox)
 * number, and a real SMTP server on 127.0.0.1. Needs reply, unread per member, assignment, views,
 * search, counts, snooze (reopened by a text and by time passing, a job on the manual clock),
 * close, a handoff that reaches a person (staff text, email, needs reply with the reason, AI off)
 * and Resume AI; person-readable validation errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, OWNER, setUpOwner } from '../accounts/browser-session.js';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let smtp: SmtpCapture;
let owner: Browser;
let mia: Browser;
let miaId: string;
let demoNumber: string;
const CUSTOMER = '+15125550199';
const STAFF = '+15125550100';

beforeAll(async () => {
  smtp = await startSmtpCapture();
  t = await startTestApp({ env: { SMTP_URL: smtp.url, SMTP_FROM: 'Textback <alerts@acme.test>' } });
  ({ browser: owner } = await setUpOwner(t));
  const invite = await owner.post('/api/v1/invites', { email: 'mia@example.com' });
  mia = new Browser(t.url);
  const token = new URL(invite.body.inviteUrl).searchParams.get('token');
  const accepted = await mia.post('/api/v1/invites/accept', { token, name: 'Mia Member', password: 'another good password' });
  expect(accepted.status).toBe(201);
  await mia.login('mia@example.com', 'another good password');
  const members = await owner.get('/api/v1/members');
  miaId = members.body.data.find((m: any) => m.email === 'mia@example.com').userId;
  const numbers = await owner.get('/api/v1/phone-numbers');
  demoNumber = numbers.body.data[0].number;
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const customerTexts = async (body: string, from = CUSTOMER) => {
  const res = await owner.post('/api/v1/sandbox/messages', { to: demoNumber, from, body });
  expect(res.status).toBe(201);
  await t.drainJobs();
};
const conversationOf = async (b: Browser, phone = CUSTOMER) => {
  const list = await b.get('/api/v1/conversations?limit=200');
  return list.body.data.find((c: any) => c.contact.phone === phone);
};

describe('needs reply, unread, assignment, views, counts', () => {
  it('a customer text needs a reply and is unread for every member until each opens it', async () => {
    await customerTexts('Hi, is the plumber free on Friday?');
    const forOwner = await conversationOf(owner);
    expect(forOwner).toMatchObject({ status: 'open', unread: true, assignee: null, needsReply: { reason: 'The customer wrote', handoff: false } });
    expect((await conversationOf(mia)).unread).toBe(true);

    const read = await mia.post(`/api/v1/conversations/${forOwner.id}/read`);
    expect(read.status).toBe(204);
    expect((await conversationOf(mia)).unread).toBe(false);
    expect((await conversationOf(owner)).unread).toBe(true);
    const counts = await mia.get('/api/v1/conversations/counts');
    expect(counts.body.unread).toBe(0);
    expect((await owner.get('/api/v1/conversations/counts')).body.unread).toBe(1);
  });

  it('assigning shows the conversation in the assignee\'s "mine" and moves it out of "unassigned"', async () => {
    const c = await conversationOf(owner);
    const before = (await mia.get('/api/v1/conversations/counts')).body.open;
    const res = await owner.request('PATCH', `/api/v1/conversations/${c.id}`, { body: { assigneeUserId: miaId } });
    expect(res.status).toBe(200);
    expect(res.body.assignee).toEqual({ userId: miaId, name: 'Mia Member' });
    const mine = await mia.get('/api/v1/conversations?view=mine&status=open');
    expect(mine.body.data.map((x: any) => x.id)).toEqual([c.id]);
    expect((await owner.get('/api/v1/conversations?view=mine')).body.data).toEqual([]);
    const after = (await mia.get('/api/v1/conversations/counts')).body.open;
    expect(after.mine).toBe(before.mine + 1);
    expect(after.unassigned).toBe(before.unassigned - 1);
    expect(after.needs_reply).toBe(before.needs_reply);
  });

  it('refuses an assignee who is not a member, in words naming the field', async () => {
    const c = await conversationOf(owner);
    const res = await owner.request('PATCH', `/api/v1/conversations/${c.id}`, { body: { assigneeUserId: 'usr_nobody' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ field: 'assigneeUserId' });
    expect(res.body.error.message).toContain('not a member');
  });

  it('a staff reply settles "needs reply"', async () => {
    const c = await conversationOf(owner);
    const sent = await mia.post(`/api/v1/conversations/${c.id}/messages`, { body: 'Yes, Friday at 10 works.' });
    expect(sent.status).toBe(201);
    expect((await conversationOf(owner)).needsReply).toBeNull();
    const needing = await owner.get('/api/v1/conversations?view=needs_reply&status=open');
    expect(needing.body.data.find((x: any) => x.id === c.id)).toBeUndefined();
  });

  it('searches names, phone digits however written, and message text', async () => {
    await customerTexts('My water heater is leaking', '+15125550142');
    const byText = await owner.get(`/api/v1/conversations?q=${encodeURIComponent('HEATER')}`);
    expect(byText.body.data.map((c: any) => c.contact.phone)).toEqual(['+15125550142']);
    const byPhone = await owner.get(`/api/v1/conversations?q=${encodeURIComponent('(512) 555-0199')}`);
    expect(byPhone.body.data.map((c: any) => c.contact.phone)).toEqual([CUSTOMER]);
    const none = await owner.get('/api/v1/conversations?q=zebra');
    expect(none.status).toBe(200);
    expect(none.body.data).toEqual([]);
  });
});

describe('snooze and close', () => {
  it('a snoozed conversation leaves the open list and comes back when the customer writes', async () => {
    const c = await conversationOf(owner);
    const until = new Date(t.clock.now() + 3 * 3600_000).toISOString();
    const res = await owner.request('PATCH', `/api/v1/conversations/${c.id}`, { body: { status: 'snoozed', snoozedUntil: until } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'snoozed', snoozedUntil: until });
    expect((await owner.get('/api/v1/conversations?status=open')).body.data.find((x: any) => x.id === c.id)).toBeUndefined();
    expect((await owner.get('/api/v1/conversations/counts')).body.snoozed).toBe(1);

    await customerTexts('Actually, can we do Thursday?');
    expect(await conversationOf(owner)).toMatchObject({ status: 'open', snoozedUntil: null, needsReply: { reason: 'The customer wrote' } });
  });

  it('a snooze ends by itself when its time comes (a job on the clock)', async () => {
    const c = await conversationOf(owner);
    const until = t.clock.now() + 3600_000;
    await owner.request('PATCH', `/api/v1/conversations/${c.id}`, { body: { status: 'snoozed', snoozedUntil: new Date(until).toISOString() } });
    t.clock.advance(3599_000);
    await t.drainJobs();
    expect((await conversationOf(owner)).status).toBe('snoozed');
    t.clock.advance(1000);
    await t.drainJobs();
    expect((await conversationOf(owner)).status).toBe('open');
  });

  it('snoozing needs a future time, said in words', async () => {
    const c = await conversationOf(owner);
    const missing = await owner.request('PATCH', `/api/v1/conversations/${c.id}`, { body: { status: 'snoozed' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ field: 'snoozedUntil' });
    const past = await owner.request('PATCH', `/api/v1/conversations/${c.id}`, {
      body: { status: 'snoozed', snoozedUntil: new Date(t.clock.now() - 1000).toISOString() },
    });
    expect(past.body.error.message).toBe('Snooze until: pick a time in the future.');
  });

  it('closing clears "needs reply"; a new text opens it again', async () => {
    const c = await conversationOf(owner);
    const closed = await owner.request('PATCH', `/api/v1/conversations/${c.id}`, { body: { status: 'closed' } });
    expect(closed.body).toMatchObject({ status: 'closed', needsReply: null });
    await customerTexts('One more thing');
    expect((await conversationOf(owner)).status).toBe('open');
  });
});

describe('handoffs reach a person', () => {
  it('texts staff, emails members, marks needs reply with the reason and turns the AI off; Resume AI turns it on', async () => {
    await owner.request('PATCH', '/api/v1/workspace', { body: { staffNumbers: [STAFF] } });
    const phone = '+15125550177';
    // A missed call tags the caller for the agent (the demo's workflow), then the caller asks for a person.
    await owner.post('/api/v1/sandbox/calls', { to: demoNumber, from: phone, outcome: 'no-answer' });
    t.clock.advance(60_000);
    await t.drainJobs();
    const mailsBefore = smtp.mails.length;
    await owner.post('/api/v1/sandbox/messages', { to: demoNumber, from: phone, body: 'I want to talk to a real person please' });
    await t.drainJobs();
    t.clock.advance(15_000);
    await t.drainJobs();

    const c = await conversationOf(owner, phone);
    expect(c.needsReply).toMatchObject({ handoff: true });
    expect(c.needsReply.reason).toMatch(/^The customer asked for a person/);
    expect(c.ai.enabled).toBe(false);

    const staffThread = await owner.get(`/api/v1/sandbox/messages?phone=${encodeURIComponent(STAFF)}`);
    expect(staffThread.body.data.map((m: any) => m.body).join('\n')).toContain(`${phone} needs a person`);

    // Handoff emails are on by default for every member.
    const mails = smtp.mails.slice(mailsBefore).filter((m) => m.subject.includes('needs a person'));
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['mia@example.com', OWNER.email]);
    expect(mails[0]!.text).toContain(`/inbox/${c.id}`);
    expect(mails[0]!.from).toBe('alerts@acme.test');

    const resumed = await owner.request('PATCH', `/api/v1/conversations/${c.id}`, { body: { aiEnabled: true } });
    expect(resumed.body.ai).toEqual({ enabled: true, reason: null });
    expect(resumed.body.needsReply).toMatchObject({ handoff: false, reason: 'The customer wrote' });
  });

  it('emails new texts to a member who asked for them', async () => {
    const prefs = await mia.request('PUT', '/api/v1/notification-preferences', {
      body: { email: { inbound: true, handoff: true }, browser: { inbound: true, handoff: false } },
    });
    expect(prefs.status).toBe(200);
    const before = smtp.mails.length;
    await customerTexts('Are you open on Sunday?');
    const mails = smtp.mails.slice(before);
    expect(mails.map((m) => m.to[0])).toEqual(['mia@example.com']);
    expect(mails[0]!.subject).toBe(`New text from ${CUSTOMER}`);
    expect(mails[0]!.text).toContain('Are you open on Sunday?');
    expect((await mia.get('/api/v1/notification-preferences')).body.browser.handoff).toBe(false);
  });
});
