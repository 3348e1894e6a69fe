/**
 * The inbox: every conversation, newest first, updating live; one conversation's messages with who
 * wrote each and whether it was delivered; and a reply box for staff (a staff reply pauses the AI
 * agent in that conversation). Contacts who opted out are marked and cannot be texted.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { AUTHOR_LABELS, Badge } from '../components/Badge';
import { EmptyState, ErrorNotice, Loading, Notice } from '../components/Feedback';
import { FormError, TextArea } from '../components/Field';
import { PageHeader } from '../components/Layout';
import { MessageThread } from '../components/MessageThread';
import { contactLabel, formatDateTime, formatFull, formatPhone, plural } from '../format';
import { useLiveUpdates, useResource, useTitle } from '../hooks';
import { Link } from '../router';
import { useSignedIn, useWorkspace } from '../session';
import type { AgentSettings, Conversation, Message, Page, PhoneNumber } from '../types';
import { NotFoundPage } from './NotFoundPage';

/** Staff phones get team notifications (hand-offs, workflow "text your team") as contacts tagged `staff`. */
const STAFF_TAG = 'staff';

function ContactStateBadges({ contact }: { contact: Conversation['contact'] }) {
  return (
    <>
      {contact.tags.includes(STAFF_TAG) ? <Badge tone="info">Team notifications</Badge> : null}
      {contact.optedOut ? <Badge tone="bad">Opted out</Badge> : null}
      {!contact.textable ? <Badge tone="warn">Can't receive texts</Badge> : null}
    </>
  );
}

function ConversationList({ conversations, selected, numbers }: { conversations: Conversation[]; selected: string | null; numbers: Map<string, PhoneNumber> }) {
  const { base } = useWorkspace();
  if (conversations.length === 0) {
    return (
      <EmptyState title="No conversations yet">
        <p>
          When someone's call is missed or they text one of your numbers, the conversation shows up here. Try it with the{' '}
          <Link to={`${base}/simulator`}>phone simulator</Link>.
        </p>
      </EmptyState>
    );
  }
  return (
    <ul className="conversation-list" aria-label="Conversations, newest first">
      {conversations.map((c) => {
        const last = c.lastMessage;
        const number = numbers.get(c.phoneNumberId);
        return (
          <li key={c.id}>
            <Link
              to={`${base}/inbox/${encodeURIComponent(c.id)}`}
              className={`conversation-item${c.id === selected ? ' selected' : ''}`}
              aria-current={c.id === selected ? 'page' : undefined}
            >
              <span className="conversation-top">
                <span className="conversation-name">{contactLabel(c.contact)}</span>
                <time dateTime={c.lastMessageAt}>{formatDateTime(c.lastMessageAt)}</time>
              </span>
              <span className="conversation-snippet">
                {last ? `${last.direction === 'inbound' ? '' : `${AUTHOR_LABELS[last.author] ?? last.author}: `}${last.body}` : 'No messages'}
              </span>
              <span className="conversation-badges">
                {number ? <span className="muted small">{number.name || formatPhone(number.number)}</span> : null}
                <ContactStateBadges contact={c.contact} />
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

function ReplyBox({ conversation, onSent, sleepMinutes }: { conversation: Conversation; onSent: () => void; sleepMinutes: number | null }) {
  const session = useSignedIn();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const { contact } = conversation;
  const blocked = contact.optedOut || !contact.textable;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await api.post<Message>(`/api/v1/conversations/${encodeURIComponent(conversation.id)}/messages`, { body });
      setBody('');
      onSent();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (blocked) {
    return (
      <div className="reply-blocked" role="note">
        {contact.optedOut ? (
          <p>
            <strong>Sending is off.</strong> {contactLabel(contact)} opted out{contact.optedOutAt ? ` on ${formatFull(contact.optedOutAt)}` : ''}. They can text START to
            hear from you again.
          </p>
        ) : (
          <p>
            <strong>Sending is off.</strong> The carrier says this phone can't receive texts{contact.notTextableReason ? ` (${contact.notTextableReason})` : ''}. Call
            them instead.
          </p>
        )}
      </div>
    );
  }

  return (
    <form ref={formRef} className="reply-box" onSubmit={submit} noValidate>
      <TextArea
        label={`Reply as ${session.user.name || 'staff'}`}
        name="body"
        rows={2}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) formRef.current?.requestSubmit();
        }}
        help={
          sleepMinutes !== null && sleepMinutes > 0
            ? `Replying pauses the AI agent in this conversation for ${plural(sleepMinutes, 'minute')}, so you and the agent don't talk over each other.`
            : 'Replying pauses the AI agent in this conversation.'
        }
        error={error}
      />
      <FormError error={error instanceof ApiError && error.field === 'body' ? null : error} formRef={formRef} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy || !body.trim()}>
          {busy ? 'Sending…' : 'Send reply'}
        </button>
      </div>
    </form>
  );
}

/** One conversation; `tick` changes on every live event, and the view reloads in place. */
function ConversationView({ id, numbers, sleepMinutes, tick }: { id: string; numbers: Map<string, PhoneNumber>; sleepMinutes: number | null; tick: number }) {
  const { base } = useWorkspace();
  const conversation = useResource((signal) => api.get<Conversation>(`/api/v1/conversations/${encodeURIComponent(id)}`, { signal }), [id]);
  const messages = useResource((signal) => api.get<Page<Message>>(`/api/v1/conversations/${encodeURIComponent(id)}/messages?limit=200`, { signal }), [id]);
  const reloadConversation = conversation.reload;
  const reloadMessages = messages.reload;
  useEffect(() => {
    if (tick === 0) return;
    void reloadConversation();
    void reloadMessages();
  }, [tick, reloadConversation, reloadMessages]);

  if (conversation.error instanceof ApiError && conversation.error.isNotFound) return <NotFoundPage what="conversation" />;
  if (conversation.error) return <ErrorNotice error={conversation.error} onRetry={conversation.reload} />;
  if (!conversation.data) return <Loading />;
  const c = conversation.data;
  const number = numbers.get(c.phoneNumberId);
  const ordered = messages.data ? [...messages.data.data].reverse() : [];
  const agentPaused = c.lastHumanAt && sleepMinutes !== null && Date.parse(c.lastHumanAt) + sleepMinutes * 60_000 > Date.now();

  return (
    <div className="conversation-view">
      <div className="conversation-header">
        <Link to={`${base}/inbox`} className="back-link only-narrow">
          ‹ All conversations
        </Link>
        <h2>
          <Link to={`${base}/contacts/${encodeURIComponent(c.contactId)}`}>{contactLabel(c.contact)}</Link>
        </h2>
        <p className="muted small">
          {formatPhone(c.contact.phone)}
          {number ? ` · texting with ${number.name || formatPhone(number.number)}` : ''}
        </p>
        <div className="badge-row">
          <ContactStateBadges contact={c.contact} />
          {c.contact.tags.map((t) => (
            <Badge key={t}>{t}</Badge>
          ))}
          {c.contact.stage ? <Badge tone="info">{c.contact.stage}</Badge> : null}
        </div>
        {agentPaused ? <Notice kind="info">The AI agent is paused here: a team member replied at {formatDateTime(c.lastHumanAt)}.</Notice> : null}
      </div>
      {messages.error ? <ErrorNotice error={messages.error} onRetry={messages.reload} /> : null}
      {messages.data ? <MessageThread messages={ordered} label={`Messages with ${contactLabel(c.contact)}`} /> : <Loading />}
      <ReplyBox
        conversation={c}
        sleepMinutes={sleepMinutes}
        onSent={() => {
          void messages.reload();
          void conversation.reload();
        }}
      />
    </div>
  );
}

export function InboxPage({ conversationId }: { conversationId: string | null }) {
  const { workspace } = useWorkspace();
  useTitle('Inbox');
  const list = useResource((signal) => api.get<Page<Conversation>>('/api/v1/conversations?limit=100', { signal }), []);
  const numbers = useResource((signal) => api.get<Page<PhoneNumber>>('/api/v1/phone-numbers?limit=200', { signal }), []);
  const agent = useResource((signal) => api.get<AgentSettings>('/api/v1/agent', { signal }), []);
  const [tick, setTick] = useState(0);
  const numberMap = new Map((numbers.data?.data ?? []).map((n) => [n.id, n]));

  useLiveUpdates(workspace.id, () => {
    void list.reload();
    setTick((t) => t + 1);
  });

  return (
    <>
      <PageHeader title="Inbox" description="Every text conversation, newest first. Updates as messages arrive." />
      <div className={`inbox${conversationId ? ' inbox-has-selection' : ''}`}>
        <div className="inbox-list">
          {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} /> : null}
          {list.data ? <ConversationList conversations={list.data.data} selected={conversationId} numbers={numberMap} /> : list.error ? null : <Loading />}
        </div>
        <section className="inbox-thread" aria-label="Conversation">
          {conversationId ? (
            <ConversationView key={conversationId} id={conversationId} numbers={numberMap} sleepMinutes={agent.data?.sleepMinutesAfterHuman ?? null} tick={tick} />
          ) : (
            <div className="inbox-placeholder only-wide">
              <p className="muted">Pick a conversation to read it and reply.</p>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
