/**
 * A real SMTP server on 127.0.0.1 (the smtp-server library) that keeps every message it receives,
 * so tests see the emails Textback sends exactly as a mail server would.
 */
import { SMTPServer } from 'smtp-server';
import type { HeldAnswers } from './held-answers.js';

export interface CapturedMail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  /** The body, with quoted-printable soft line breaks and escapes undone. */
  text: string;
}

export interface SmtpCapture {
  url: string;
  mails: CapturedMail[];
  close(): Promise<void>;
}

function decodeQuotedPrintable(s: string): string {
  const bytes = s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** `hold`: each message is kept at once but its answer (250) waits until the test lets it go. */
export async function startSmtpCapture(opts: { hold?: HeldAnswers } = {}): Promise<SmtpCapture> {
  const mails: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
        const subject = /^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(head)?.[1]?.replace(/\r?\n[ \t]/g, ' ') ?? '';
        const body = rest.join('\n\n');
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          subject,
          text: /quoted-printable/i.test(head) ? decodeQuotedPrintable(body) : body,
        });
        if (opts.hold) void opts.hold.arrive(subject).then(() => callback());
        else callback();
      });
    },
  });
  const port = await new Promise<number>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
