/**
 * Accounts over real HTTP with a real SMTP server on 127.0.0.1: a password reset by email (same
 * answer for unknown emails, the link works once and signs the account out everywhere); without
 * SMTP the answer names the CLI. The invite page learns which business and who invited; an owner
 * can copy a pending invite's link again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Browser, OWNER, setUpOwner } from './browser-session.js';

let t: TestApp;
let smtp: SmtpCapture;
let owner: Browser;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  t = await startTestApp({ env: { SMTP_URL: smtp.url } });
  ({ browser: owner } = await setUpOwner(t));
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('password reset by email', () => {
  it('emails a one-time link; the new password works and old sessions end', async () => {
    const anon = new Browser(t.url);
    const unknown = await anon.post('/api/v1/auth/password-reset', { email: 'nobody@example.com' });
    const known = await anon.post('/api/v1/auth/password-reset', { email: OWNER.email.toUpperCase() });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    await t.drainJobs();
    expect(smtp.mails.map((m) => m.to[0])).toEqual([OWNER.email]);
    const mail = smtp.mails[0]!;
    expect(mail.subject).toBe('Reset your Textback password');
    const token = /reset-password\?token=([\w-]+)/.exec(mail.text)![1]!;
    // The token is not stored readable, not even inside the email job.
    const jobs = await t.runtime.ctx.db.selectFrom('jobs').select(['kind', 'payload', 'urgent']).execute();
    expect(jobs.some((j) => j.payload.includes(token))).toBe(false);
    // Someone waits at the sign-in page: the requests and the email went before any bulk work.
    expect(jobs.map((j) => [j.kind, j.urgent]).sort()).toEqual([
      ['email.send', 1],
      ['password-reset.request', 1],
      ['password-reset.request', 1],
    ]);

    const short = await anon.post('/api/v1/auth/password-reset/confirm', { token, password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.error.field).toBe('password');
    const done = await anon.post('/api/v1/auth/password-reset/confirm', { token, password: 'a brand new password' });
    expect(done.status).toBe(204);
    expect((await owner.get('/api/v1/auth/session')).status).toBe(401);
    expect((await anon.login(OWNER.email, 'a brand new password')).status).toBe(200);
    const again = await anon.post('/api/v1/auth/password-reset/confirm', { token, password: 'yet another password' });
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ field: 'token' });
    await owner.login(OWNER.email, 'a brand new password');
  });

  it('without SMTP, says to use the CLI', async () => {
    const plain = await startTestApp();
    try {
      const res = await new Browser(plain.url).post('/api/v1/auth/password-reset', { email: OWNER.email });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toContain('textback user reset-password');
    } finally {
      await plain.close();
    }
  });
});

describe('invites', () => {
  it('the link shows the business and who invited; an owner can copy a pending link again', async () => {
    const created = await owner.post('/api/v1/invites', { email: 'sam@example.com' });
    expect(created.status).toBe(201);
    const token = new URL(created.body.inviteUrl).searchParams.get('token')!;
    const preview = await new Browser(t.url).get(`/api/v1/invites/preview?token=${encodeURIComponent(token)}`);
    expect(preview.body).toMatchObject({ businessName: 'Acme Plumbing', invitedBy: OWNER.name, email: 'sam@example.com', role: 'member' });
    const list = await owner.get('/api/v1/invites');
    expect(list.body.data[0].inviteUrl).toBe(created.body.inviteUrl);
    const bad = await new Browser(t.url).get('/api/v1/invites/preview?token=nope');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('token');
  });
});
