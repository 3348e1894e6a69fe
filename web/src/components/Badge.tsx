/**
 * Small labels: call outcomes, text-back results, message authors and delivery statuses, each with
 * words (never colour alone).
 */
import type { ReactNode } from 'react';
import type { Call, Message, MessageAuthor } from '../types';

type Tone = 'neutral' | 'good' | 'warn' | 'bad' | 'info' | 'accent';

export function Badge({ tone = 'neutral', children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

const OUTCOMES: Record<Call['outcome'], { label: string; tone: Tone }> = {
  ringing: { label: 'Ringing', tone: 'info' },
  answered: { label: 'Answered', tone: 'good' },
  missed: { label: 'Missed', tone: 'bad' },
  voicemail: { label: 'Voicemail', tone: 'warn' },
};

export function OutcomeBadge({ outcome }: { outcome: Call['outcome'] }) {
  const o = OUTCOMES[outcome] ?? { label: outcome, tone: 'neutral' as Tone };
  return <Badge tone={o.tone}>{o.label}</Badge>;
}

const TEXTBACK: Record<string, { label: string; tone: Tone }> = {
  pending: { label: 'Text pending', tone: 'info' },
  sent: { label: 'Texted back', tone: 'good' },
  skipped: { label: 'Not texted', tone: 'neutral' },
  failed: { label: 'Text failed', tone: 'bad' },
};

export function TextBackBadge({ status }: { status: Call['textBack']['status'] }) {
  if (!status) return <Badge>No text-back</Badge>;
  const t = TEXTBACK[status] ?? { label: status, tone: 'neutral' as Tone };
  return <Badge tone={t.tone}>{t.label}</Badge>;
}

export const AUTHOR_LABELS: Record<MessageAuthor, string> = {
  contact: 'Customer',
  textback: 'Auto-text',
  agent: 'AI agent',
  human: 'Staff',
  workflow: 'Workflow',
  system: 'System',
};

const AUTHOR_TONES: Record<MessageAuthor, Tone> = {
  contact: 'neutral',
  textback: 'info',
  agent: 'accent',
  human: 'good',
  workflow: 'warn',
  system: 'neutral',
};

export function AuthorBadge({ author }: { author: MessageAuthor }) {
  return (
    <Badge tone={AUTHOR_TONES[author] ?? 'neutral'}>
      <span className="visually-hidden">From: </span>
      {AUTHOR_LABELS[author] ?? author}
    </Badge>
  );
}

const STATUS_LABELS: Record<string, { label: string; tone: Tone }> = {
  pending: { label: 'Waiting to send', tone: 'neutral' },
  sending: { label: 'Sending', tone: 'neutral' },
  accepted: { label: 'Accepted', tone: 'neutral' },
  scheduled: { label: 'Scheduled', tone: 'neutral' },
  queued: { label: 'Queued', tone: 'neutral' },
  sent: { label: 'Sent', tone: 'info' },
  delivered: { label: 'Delivered', tone: 'good' },
  read: { label: 'Read', tone: 'good' },
  received: { label: 'Received', tone: 'neutral' },
  undelivered: { label: 'Not delivered', tone: 'bad' },
  failed: { label: 'Failed', tone: 'bad' },
  canceled: { label: 'Canceled', tone: 'bad' },
  refused: { label: 'Not sent', tone: 'bad' },
  held: { label: 'Held', tone: 'warn' },
};

export function deliveryLabel(status: string): { label: string; tone: Tone } {
  return STATUS_LABELS[status] ?? { label: status.replace(/[_-]/g, ' '), tone: 'neutral' };
}

export function isFailedMessage(m: Pick<Message, 'status' | 'direction'>): boolean {
  return m.direction === 'outbound' && ['failed', 'undelivered', 'canceled', 'refused'].includes(m.status);
}

/**
 * The phone simulator's practice traffic on a real number (a conversation, a call, a text): nothing
 * of it was sent through the carrier.
 */
export function PracticeBadge() {
  return (
    <Badge tone="warn" title="From the phone simulator: nothing was sent through the carrier, and it is left out of your figures">
      Practice
    </Badge>
  );
}
