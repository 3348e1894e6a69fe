/**
 * A conversation's messages as bubbles, oldest at the top: who wrote each one (customer, auto-text,
 * AI agent, staff, workflow, system), when, and for texts we sent, whether they were delivered —
 * with the carrier's reason, in words, when they were not.
 */
import { useEffect, useRef } from 'react';
import { formatDateTime } from '../format';
import type { Message } from '../types';
import { AuthorBadge, deliveryLabel, isFailedMessage, PracticeBadge } from './Badge';

export function DeliveryStatus({ message }: { message: Message }) {
  if (message.direction !== 'outbound') return null;
  const { label } = deliveryLabel(message.status);
  const failed = isFailedMessage(message);
  return (
    <span className={`delivery${failed ? ' delivery-failed' : ''}`}>
      {label}
      {failed && message.error ? (
        <>
          {': '}
          {message.error.message || 'the carrier refused it'}
          {message.error.code ? ` (error ${message.error.code})` : ''}
        </>
      ) : null}
    </span>
  );
}

export function MessageThread({ messages, emptyText = 'No messages yet.', label }: { messages: Message[]; emptyText?: string; label: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const last = messages[messages.length - 1]?.id;
  useEffect(() => {
    // Newest at the bottom, like a phone: keep the latest message in view as messages arrive.
    const el = scrollRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [last]);

  if (messages.length === 0) return <p className="muted thread-empty">{emptyText}</p>;
  return (
    <div className="thread-scroll" ref={scrollRef} tabIndex={0} role="region" aria-label={label}>
    <ol className="thread">
      {messages.map((m) => (
        <li key={m.id} className={`thread-item thread-${m.direction}`} data-author={m.author}>
          <div className={`bubble ${m.direction === 'inbound' ? 'bubble-in' : 'bubble-out'}${isFailedMessage(m) ? ' bubble-failed' : ''}`}>
            <div className="bubble-meta">
              <AuthorBadge author={m.author} />
              {m.practice ? <PracticeBadge /> : null}
              <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
            </div>
            <p className="bubble-body">{m.body}</p>
            {m.media && m.media.length ? (
              <div className="bubble-media">
                {m.media.map((_url, i) =>
                  m.direction === 'inbound' ? (
                    <a key={i} href={`/api/v1/messages/${encodeURIComponent(m.id)}/media/${i}`} target="_blank" rel="noreferrer">
                      <img src={`/api/v1/messages/${encodeURIComponent(m.id)}/media/${i}`} alt={`Picture ${i + 1} sent by the customer`} loading="lazy" />
                    </a>
                  ) : (
                    <span key={i}>Attachment {i + 1}</span>
                  ),
                )}
              </div>
            ) : null}
            {m.direction === 'outbound' ? (
              <div className="bubble-status">
                <DeliveryStatus message={m} />
              </div>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
    </div>
  );
}
