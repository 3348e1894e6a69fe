/**
 * One call as the calls list and a contact's page show it: when, who, which number, the outcome,
 * whether a text went back and why (or why not), the line that forwarded it and whether it came
 * after hours, and the voicemail with its transcript.
 */
import { contactLabel, formatDateTime, formatDuration, formatPhone } from '../format';
import { Link } from '../router';
import { useWorkspace } from '../session';
import type { Call, Contact, PhoneNumber } from '../types';
import { Badge, OutcomeBadge, PracticeBadge, TextBackBadge } from './Badge';

/** Why a text was or was not sent, as a sentence, from the call's textBack. */
export function textBackSentence(call: Call): string {
  const { status, reason } = call.textBack;
  if (call.outcome === 'answered') return reason ? capitalize(reason) : 'Answered, so no text was needed.';
  if (call.outcome === 'ringing') return 'The call is still ringing.';
  if (status === 'sent') return reason ? capitalize(reason) : 'The caller was texted back.';
  if (status === 'pending') return reason ? capitalize(reason) : 'The text is about to go out.';
  // The badge beside it already says "Not texted" or "Text failed"; the sentence says why.
  if (status === 'skipped') return reason ? capitalize(reason) : 'No text was sent.';
  if (status === 'failed') return reason ? capitalize(reason) : 'The carrier refused the text.';
  return reason ? capitalize(reason) : 'No text-back for this call.';
}

function capitalize(s: string): string {
  const t = s.trim();
  const sentence = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

export function CallItem({ call, contact, number, showContact = true }: { call: Call; contact?: Contact; number?: PhoneNumber; showContact?: boolean }) {
  const { base } = useWorkspace();
  const who = contact ? contactLabel(contact) : formatPhone(call.from);
  return (
    <article className="call-item" aria-label={`Call from ${who} on ${formatDateTime(call.startedAt)}`}>
      <div className="call-head">
        <div className="call-who">
          {showContact ? (
            call.contactId ? (
              <Link to={`${base}/contacts/${encodeURIComponent(call.contactId)}`} className="strong-link">
                {who}
              </Link>
            ) : (
              <strong>{who}</strong>
            )
          ) : null}
          <span className="muted small">
            <time dateTime={call.startedAt}>{formatDateTime(call.startedAt)}</time>
            {' · to '}
            {number ? number.name || formatPhone(number.number) : formatPhone(call.to)}
            {call.forwardedFrom ? (
              <span className="call-forwarded-from">
                {' · forwarded from '}
                {formatPhone(call.forwardedFrom)}
              </span>
            ) : null}
          </span>
        </div>
        <div className="badge-row">
          <OutcomeBadge outcome={call.outcome} />
          {call.practice ? <PracticeBadge /> : null}
          {call.afterHours ? (
            <Badge tone="neutral" title="The call came in outside this number's hours or on a closed date">
              After hours
            </Badge>
          ) : null}
          {call.outcome !== 'answered' && call.outcome !== 'ringing' ? <TextBackBadge status={call.textBack.status} /> : null}
        </div>
      </div>
      <p className="call-reason">{textBackSentence(call)}</p>
      {call.voicemail ? (
        <div className="voicemail">
          <p className="voicemail-title">
            Voicemail{call.voicemail.durationSeconds ? ` · ${formatDuration(call.voicemail.durationSeconds)}` : ''}
          </p>
          {/* Played through Textback, which fetches it with the account's credentials (media behind HTTP auth works). */}
          <audio controls preload="none" src={`/api/v1/calls/${encodeURIComponent(call.id)}/voicemail`} aria-label={`Voicemail from ${who}`}>
            <a href={`/api/v1/calls/${encodeURIComponent(call.id)}/voicemail`}>Download the voicemail</a>
          </audio>
          {call.voicemail.transcript ? (
            <blockquote className="transcript">
              <span className="visually-hidden">Transcript: </span>“{call.voicemail.transcript}”
            </blockquote>
          ) : (
            <p className="muted small">No transcript.</p>
          )}
        </div>
      ) : null}
    </article>
  );
}
