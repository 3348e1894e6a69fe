/**
 * The team inbox: views (mine, unassigned, needs reply, AI-handled, all) with counts, open /
 * snoozed / closed, search across names, phones and message text; each conversation shows who it
 * is assigned to, whether it is unread for you, and whether someone owes the customer an answer and
 * why. A conversation can be assigned, snoozed until a time, closed, its AI switched off or
 * resumed; the reply box says what a reply does to the AI agent. Everything updates live.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, qs } from '../api';
import { AUTHOR_LABELS, Badge, PracticeBadge } from '../components/Badge';
import { EmptyState, ErrorNotice, Loading, Notice } from '../components/Feedback';
import { FormError, SelectField, TextArea, TextField } from '../components/Field';
import { PageHeader } from '../components/Layout';
import { MessageThread } from '../components/MessageThread';
import { contactLabel, formatDateTime, formatFull, formatPhone, plural } from '../format';
import { useDebounced, useLiveRefresh, useResource, useTitle } from '../hooks';
import { useInboxCounts } from '../inbox-counts';
import { Link, navigate, useLocation } from '../router';
import { useSignedIn, useWorkspace } from '../session';
import { snoozeChoices } from '../../../src/domain/snooze-choices.js';
import type { AgentSettings, Conversation, ConversationView, Member, Message, Page, PhoneNumber, Workspace } from '../types';
import { NotFoundPage } from './NotFoundPage';

/** Staff phones get team notifications (hand-offs, workflow "text your team") as contacts tagged `staff`. */
const STAFF_TAG = 'staff';

const VIEWS: Array<{ id: ConversationView; label: string }> = [
  { id: 'needs_reply', label: 'Needs reply' },
  { id: 'mine', label: 'Mine' },
  { id: 'unassigned', label: 'Unassigned' },
  { id: 'ai', label: 'AI-handled' },
  { id: 'all', label: 'All' },
];

type StatusFilter = 'open' | 'snoozed' | 'closed';

function ContactStateBadges({ contact }: { contact: Conversation['contact'] }) {
  return (
    <>
      {contact.tags.includes(STAFF_TAG) ? <Badge tone="info">Team notifications</Badge> : null}
      {contact.optedOut ? <Badge tone="bad">Opted out</Badge> : null}
      {!contact.textable ? <Badge tone="warn">Can't receive texts</Badge> : null}
    </>
  );
}

function StateBadges({ c }: { c: Conversation }) {
  return (
    <>
      {c.practice ? <PracticeBadge /> : null}
      {c.needsReply ? (
        <Badge tone={c.needsReply.handoff ? 'bad' : 'warn'} title={c.needsReply.reason}>
          {c.needsReply.handoff ? 'Handed off' : 'Needs reply'}
        </Badge>
      ) : null}
      {c.status === 'snoozed' && c.snoozedUntil ? <Badge tone="info">Snoozed until {formatDateTime(c.snoozedUntil)}</Badge> : null}
      {c.status === 'closed' ? <Badge>Closed</Badge> : null}
      {!c.ai.enabled ? <Badge tone="neutral">AI off</Badge> : null}
      {c.assignee ? <span className="muted small">→ {c.assignee.name}</span> : null}
    </>
  );
}

function ConversationList({ conversations, selected, numbers, searching, view }: { conversations: Conversation[]; selected: string | null; numbers: Map<string, PhoneNumber>; searching: boolean; view: ConversationView }) {
  const { base } = useWorkspace();
  const { search } = useLocation();
  if (conversations.length === 0) {
    if (searching) return <EmptyState title="Nothing matches">Try a name, a phone number or a word from the texts.</EmptyState>;
    if (view !== 'all') return <EmptyState title="Nothing here">No conversation is in this view right now.</EmptyState>;
    return (
      <EmptyState title="No conversations yet">
        <p>
          When someone's call is missed or they text one of your numbers, the conversation shows up here. Try it with the{' '}
          <Link to={`${base}/simulator`}>phone simulator</Link>.
        </p>
      </EmptyState>
    );
  }
  const query = search.toString() ? `?${search}` : '';
  return (
    <ul className="conversation-list" aria-label="Conversations, newest first">
      {conversations.map((c) => {
        const last = c.lastMessage;
        const number = numbers.get(c.phoneNumberId);
        return (
          <li key={c.id}>
            <Link
              to={`${base}/inbox/${encodeURIComponent(c.id)}${query}`}
              className={`conversation-item${c.id === selected ? ' selected' : ''}${c.unread ? ' unread' : ''}`}
              aria-current={c.id === selected ? 'page' : undefined}
            >
              <span className="conversation-top">
                <span className="conversation-name">
                  {c.unread ? (
                    <span className="unread-dot" role="img" aria-label="Unread" />
                  ) : null}
                  {contactLabel(c.contact)}
                </span>
                <time dateTime={c.lastMessageAt}>{formatDateTime(c.lastMessageAt)}</time>
              </span>
              <span className="conversation-snippet">
                {last ? `${last.direction === 'inbound' ? '' : `${AUTHOR_LABELS[last.author] ?? last.author}: `}${last.body}` : 'No messages'}
              </span>
              <span className="conversation-badges">
                <StateBadges c={c} />
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

/** What a staff reply does to the agent here, said plainly. */
function replyEffect(c: Conversation, agent: AgentSettings | undefined): string {
  if (!agent) return '';
  if (!agent.enabled) return 'The AI agent is off for this workspace: only people answer.';
  if (!c.ai.enabled) return 'The AI is off in this conversation and stays off until someone presses "Resume AI".';
  if (!c.contact.tags.some((t) => agent.activeTags.includes(t))) {
    return `The AI agent does not answer this contact (it answers contacts tagged ${agent.activeTags.join(', ') || 'with an active tag'}).`;
  }
  const minutes = agent.sleepMinutesAfterHuman;
  return minutes > 0
    ? `Sending pauses the AI agent here for ${plural(minutes, 'minute')}; after that it answers the customer's next text again.`
    : "Sending doesn't pause the AI agent: it answers the customer's next text.";
}

interface SavedReply {
  id: string;
  title: string;
  body: string;
}

interface Note {
  id: string;
  body: string;
  author: { userId: string; name: string } | null;
  createdAt: string;
}

/** Internal notes: for the team only, never sent to the customer. */
function Notes({ conversationId, tick }: { conversationId: string; tick: number }) {
  const notes = useResource((signal) => api.get<Page<Note>>(`/api/v1/conversations/${encodeURIComponent(conversationId)}/notes`, { signal }), [conversationId]);
  const [body, setBody] = useState('');
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const reload = notes.reload;
  useEffect(() => {
    if (tick) void reload();
  }, [tick, reload]);
  const count = notes.data?.data.length ?? 0;
  return (
    <details className="notes">
      <summary>Internal notes{count ? ` (${count})` : ''}</summary>
      <ul className="note-list">
        {(notes.data?.data ?? []).map((n) => (
          <li key={n.id}>
            <p>{n.body}</p>
            <p className="muted small">
              {n.author?.name ?? 'API'} · {formatDateTime(n.createdAt)}
            </p>
          </li>
        ))}
      </ul>
      <form
        ref={formRef}
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          try {
            await api.post(`/api/v1/conversations/${encodeURIComponent(conversationId)}/notes`, { body });
            setBody('');
            void notes.reload();
          } catch (err) {
            setError(err);
          }
        }}
      >
        <TextArea label="Add a note" name="body" rows={2} value={body} onChange={(e) => setBody(e.target.value)} help="Only your team sees notes; they are never texted." error={error} />
        <FormError error={error} formRef={formRef} />
        <button type="submit" className="button button-small" disabled={!body.trim()}>
          Save note
        </button>
      </form>
    </details>
  );
}

function ReplyBox({ conversation, onSent, agent }: { conversation: Conversation; onSent: () => void; agent: AgentSettings | undefined }) {
  const session = useSignedIn();
  const saved = useResource((signal) => api.get<Page<SavedReply>>('/api/v1/saved-replies', { signal }), []);
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
        help={replyEffect(conversation, agent)}
        error={error}
      />
      <FormError error={error} formRef={formRef} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy || !body.trim()}>
          {busy ? 'Sending…' : 'Send reply'}
        </button>
        {saved.data && saved.data.data.length ? (
          <SelectField
            label="Saved reply"
            name="savedReply"
            className="saved-reply-picker"
            value=""
            onChange={async (e) => {
              const id = e.target.value;
              if (!id) return;
              try {
                const r = await api.get<{ body: string }>(`/api/v1/saved-replies/${encodeURIComponent(id)}/rendered?conversationId=${encodeURIComponent(conversation.id)}`);
                setBody((b) => (b.trim() ? `${b.trimEnd()} ${r.body}` : r.body));
              } catch (err) {
                setError(err);
              }
            }}
          >
            <option value="">Insert…</option>
            {saved.data.data.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </SelectField>
        ) : null}
      </div>
    </form>
  );
}

function ConversationActions({ c, members, onChanged }: { c: Conversation; members: Member[]; onChanged: (c: Conversation) => void }) {
  const workspace = useResource((signal) => api.get<Workspace>('/api/v1/workspace', { signal }), []);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const patch = async (body: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await api.patch<Conversation>(`/api/v1/conversations/${encodeURIComponent(c.id)}`, body));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  // 9:00 where the business is (the workspace's zone), named when the browser is elsewhere.
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zone = workspace.data?.timezone ?? browserZone;
  const away = browserZone !== zone;
  const choices = snoozeChoices(new Date(), zone).map((ch) => (away && ch.label.includes('9:00') ? { ...ch, label: `${ch.label} (${zone.replace(/_/g, ' ')})` } : ch));
  return (
    <div className="conversation-actions">
      <SelectField
        label="Assigned to"
        name="assigneeUserId"
        value={c.assignee?.userId ?? ''}
        disabled={busy}
        onChange={(e) => void patch({ assigneeUserId: e.target.value || null })}
        error={error}
      >
        <option value="">Nobody</option>
        {members.map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.name || m.email}
          </option>
        ))}
      </SelectField>
      {c.status === 'open' ? (
        <SelectField
          label="Snooze"
          name="snoozedUntil"
          value=""
          disabled={busy}
          onChange={(e) => {
            const choice = choices[Number(e.target.value)];
            if (choice) void patch({ status: 'snoozed', snoozedUntil: choice.at.toISOString() });
          }}
          error={error}
        >
          <option value="">Not snoozed</option>
          {choices.map((ch, i) => (
            <option key={ch.label} value={i}>
              {ch.label}
            </option>
          ))}
        </SelectField>
      ) : null}
      <div className="conversation-buttons">
        {c.status === 'open' ? (
          <button type="button" className="button" disabled={busy} onClick={() => void patch({ status: 'closed' })}>
            Close
          </button>
        ) : (
          <button type="button" className="button" disabled={busy} onClick={() => void patch({ status: 'open' })}>
            Reopen
          </button>
        )}
        {c.ai.enabled ? (
          <button type="button" className="button button-quiet" disabled={busy} onClick={() => void patch({ aiEnabled: false })}>
            Turn AI off here
          </button>
        ) : (
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void patch({ aiEnabled: true })}>
            Resume AI
          </button>
        )}
      </div>
      {error instanceof ApiError && error.field ? null : <FormError error={error} />}
    </div>
  );
}

/** One conversation; `tick` changes on every live event, and the view reloads in place. */
function ConversationView({ id, numbers, agent, members, tick, onChanged }: { id: string; numbers: Map<string, PhoneNumber>; agent: AgentSettings | undefined; members: Member[]; tick: number; onChanged: () => void }) {
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
  // Opening it (and seeing new texts arrive while open) reads it.
  const unread = conversation.data?.unread;
  useEffect(() => {
    if (unread === false) return;
    void api.post(`/api/v1/conversations/${encodeURIComponent(id)}/read`).then(onChanged, () => undefined);
  }, [id, unread, onChanged]);

  // On a phone the page itself scrolls: open at the newest message with the reply box in view.
  const loaded = !!messages.data && !!conversation.data;
  useEffect(() => {
    if (!loaded || !window.matchMedia('(max-width: 900px)').matches) return;
    document.querySelector('.conversation-view .reply-box, .conversation-view .reply-blocked')?.scrollIntoView({ block: 'end' });
  }, [loaded, id]);

  if (conversation.error instanceof ApiError && conversation.error.isNotFound) return <NotFoundPage what="conversation" />;
  if (conversation.error) return <ErrorNotice error={conversation.error} onRetry={conversation.reload} />;
  if (!conversation.data) return <Loading />;
  const c = conversation.data;
  const number = numbers.get(c.phoneNumberId);
  const ordered = messages.data ? [...messages.data.data].reverse() : [];
  const sleepMinutes = agent?.sleepMinutesAfterHuman ?? null;
  const agentPaused = c.ai.enabled && c.lastHumanAt && sleepMinutes !== null && Date.parse(c.lastHumanAt) + sleepMinutes * 60_000 > Date.now();

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
          <a href={`tel:${c.contact.phone}`} className="call-link">
            Call {formatPhone(c.contact.phone)}
          </a>
          {number ? ` · texting with ${number.name || formatPhone(number.number)}` : ''}
        </p>
        <div className="badge-row">
          <StateBadges c={c} />
          <ContactStateBadges contact={c.contact} />
          {c.contact.tags.map((t) => (
            <Badge key={t}>{t}</Badge>
          ))}
          {c.contact.stage ? <Badge tone="info">{c.contact.stage}</Badge> : null}
        </div>
        {c.needsReply ? (
          <Notice kind={c.needsReply.handoff ? 'warning' : 'info'} title={c.needsReply.handoff ? 'The AI handed this to a person' : 'Needs a reply'}>
            {c.needsReply.reason} · since {formatDateTime(c.needsReply.since)}
          </Notice>
        ) : null}
        {c.practice ? (
          <Notice kind="info">A practice conversation from the phone simulator: replies here are recorded on the virtual phone, never sent through the carrier.</Notice>
        ) : null}
        {!c.ai.enabled ? <Notice kind="info">The AI is off here: {c.ai.reason}. Press "Resume AI" to let it answer again.</Notice> : null}
        {agentPaused ? <Notice kind="info">The AI agent is paused here: a team member replied at {formatDateTime(c.lastHumanAt)}.</Notice> : null}
        <ConversationActions
          c={c}
          members={members}
          onChanged={() => {
            void conversation.reload();
            onChanged();
          }}
        />
      </div>
      {messages.error ? <ErrorNotice error={messages.error} onRetry={messages.reload} /> : null}
      {messages.data ? <MessageThread messages={ordered} label={`Messages with ${contactLabel(c.contact)}`} /> : <Loading />}
      <Notes conversationId={c.id} tick={tick} />
      <ReplyBox
        conversation={c}
        agent={agent}
        onSent={() => {
          void messages.reload();
          void conversation.reload();
          onChanged();
        }}
      />
    </div>
  );
}

export function InboxPage({ conversationId }: { conversationId: string | null }) {
  const { workspace, base, role } = useWorkspace();
  const { search } = useLocation();
  useTitle('Inbox');
  const view = (VIEWS.find((v) => v.id === search.get('view'))?.id ?? 'all') as ConversationView;
  const status = (['open', 'snoozed', 'closed'].includes(search.get('status') ?? '') ? search.get('status') : 'open') as StatusFilter;
  const [q, setQ] = useState(search.get('q') ?? '');
  const query = useDebounced(q.trim(), 250);
  const list = useResource(
    (signal) => api.get<Page<Conversation>>(`/api/v1/conversations${qs({ limit: 100, view, status, q: query })}`, { signal }),
    [view, status, query],
  );
  // Refetched live by the frame's provider, with the navigation's badge.
  const counts = useInboxCounts();
  const numbers = useResource((signal) => api.get<Page<PhoneNumber>>('/api/v1/phone-numbers?limit=200', { signal }), []);
  const agent = useResource((signal) => api.get<AgentSettings>('/api/v1/agent', { signal }), []);
  const members = useResource((signal) => api.get<Page<Member>>('/api/v1/members', { signal }), []);
  const [tick, setTick] = useState(0);
  const numberMap = new Map((numbers.data?.data ?? []).map((n) => [n.id, n]));
  const reloadList = list.reload;
  const reloadCounts = counts.reload;
  const refresh = useRef(() => {
    void reloadList();
    void reloadCounts();
  });
  refresh.current = () => {
    void reloadList();
    void reloadCounts();
  };
  const [onChanged] = useState(() => () => refresh.current());

  // The counts follow live changes through their provider; the page refetches its list.
  useLiveRefresh(
    workspace.id,
    () => true,
    () => {
      void list.reload();
      setTick((t) => t + 1);
    },
  );

  const go = (params: Record<string, string>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(params)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    const s = next.toString();
    navigate(`${base}/inbox${conversationId ? `/${encodeURIComponent(conversationId)}` : ''}${s ? `?${s}` : ''}`, { replace: true });
  };
  const alerts = counts.data?.handoffAlerts;

  return (
    <>
      <PageHeader title="Inbox" description="Every text conversation, newest first. Updates as messages arrive." />
      {role === 'owner' && alerts && alerts.staffNumbers === 0 ? (
        <Notice kind="warning" title="Handoffs reach nobody by text">
          When the AI hands a customer to a person, only this inbox{alerts.email ? ' and email' : ''} will show it. Add your team's phones under{' '}
          <Link to={`${base}/settings`}>Settings › Staff numbers</Link> so someone is texted.
        </Notice>
      ) : null}
      <div className={`inbox${conversationId ? ' inbox-has-selection' : ''}`}>
        <div className="inbox-list">
          <nav className="inbox-views" aria-label="Inbox views">
            {VIEWS.map((v) => (
              <button
                key={v.id}
                type="button"
                className={`view-tab${v.id === view ? ' active' : ''}`}
                aria-pressed={v.id === view}
                onClick={() => go({ view: v.id === 'all' ? '' : v.id })}
              >
                {v.label}
                {counts.data ? <span className="count">{counts.data.open[v.id]}</span> : null}
              </button>
            ))}
          </nav>
          <div className="inbox-filters">
            <TextField label="Search" name="q" type="search" placeholder="Name, phone or words" value={q} onChange={(e) => setQ(e.target.value)} />
            <SelectField label="Show" name="status" value={status} onChange={(e) => go({ status: e.target.value === 'open' ? '' : e.target.value })}>
              <option value="open">Open</option>
              <option value="snoozed">Snoozed{counts.data ? ` (${counts.data.snoozed})` : ''}</option>
              <option value="closed">Closed</option>
            </SelectField>
          </div>
          {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} /> : null}
          {list.data ? (
            <ConversationList conversations={list.data.data} selected={conversationId} numbers={numberMap} searching={!!query} view={view} />
          ) : list.error ? null : (
            <Loading />
          )}
        </div>
        <section className="inbox-thread" aria-label="Conversation">
          {conversationId ? (
            <ConversationView
              key={conversationId}
              id={conversationId}
              numbers={numberMap}
              agent={agent.data}
              members={members.data?.data ?? []}
              tick={tick}
              onChanged={onChanged}
            />
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
