/**
 * The phone simulator: a virtual caller phone for any of the workspace's numbers. Call a number and
 * choose what happens (nobody answers, answered, busy, caller hangs up, voicemail), watch the
 * text-back arrive in the phone's thread, reply, and see the AI agent answer. It goes through the
 * same services as real calls; the texts come from the background worker a moment later.
 *
 * A sandbox number is played as it always was. A carrier number (Twilio, SignalWire, Telnyx) is a
 * practice call: the page says so, the caller must be a fictional 555-01XX phone (the server refuses
 * others), and nothing is sent through the carrier — the texts land here, marked practice.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, qs } from '../api';
import { AUTHOR_LABELS, Badge, OutcomeBadge, PracticeBadge, TextBackBadge } from '../components/Badge';
import { EmptyState, ErrorNotice, Loading, Notice } from '../components/Feedback';
import { FormError, SelectField, TextArea, TextField } from '../components/Field';
import { textBackSentence } from '../components/CallItem';
import { PageHeader, Section } from '../components/Layout';
import { formatPhone, formatTime } from '../format';
import { useInterval, useLiveRefresh, useResource, useTitle } from '../hooks';
import { Link, useLocation } from '../router';
import { useWorkspace } from '../session';
import type { AgentSettings, Call, Contact, Message, Page, PhoneNumber } from '../types';
import { EXAMPLE_FICTIONAL_NUMBER, isFictionalNumber } from '../../../src/domain/fictional-number.js';
import { carrierLabel } from './NumbersPage';

type Outcome = 'no-answer' | 'answered' | 'busy' | 'caller-hangup' | 'voicemail';

const OUTCOMES: Array<{ value: Outcome; label: string; help: string }> = [
  { value: 'no-answer', label: 'Nobody answers', help: 'It rings out: a missed call.' },
  { value: 'voicemail', label: 'Leaves a voicemail', help: 'Missed, and the caller leaves a message.' },
  { value: 'busy', label: 'Line is busy', help: 'Your phones are busy: a missed call.' },
  { value: 'caller-hangup', label: 'Caller hangs up', help: 'The caller gives up while it rings.' },
  { value: 'answered', label: 'Someone answers', help: 'Picked up: no text is sent.' },
];

const DEFAULT_CALLER = '+15550107777';

/** What people type, as E.164: "(512) 555-0199" and "512.555.0199" are North American; "+44…" stays. */
export function typedPhoneToE164(input: string): string | null {
  const t = input.trim();
  const digits = t.replace(/\D/g, '');
  if (!/^\+?[\d\s().\-]+$/.test(t)) return null;
  if (t.startsWith('+')) return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null;
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return null;
}

function PhoneThread({ messages, loading, problem }: { messages: Message[]; loading: boolean; problem: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  const last = messages[messages.length - 1]?.id;
  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [last]);
  return (
    <div className="phone-screen" ref={ref} role="log" aria-label="Messages on the virtual phone" aria-live="polite" tabIndex={0}>
      {problem ? <p className="phone-empty">{problem}</p> : messages.length === 0 ? <p className="phone-empty">{loading ? 'Loading…' : 'No texts yet. Place a call or send a text.'}</p> : null}
      <ol className="thread">
        {messages.map((m) => {
          const mine = m.direction === 'inbound';
          return (
            <li key={m.id} className={`thread-item ${mine ? 'thread-outbound' : 'thread-inbound'}`} data-author={m.author}>
              <div className={`bubble ${mine ? 'bubble-phone-me' : 'bubble-in'}`}>
                {!mine ? (
                  <div className="bubble-meta">
                    <Badge tone={m.author === 'agent' ? 'accent' : m.author === 'textback' ? 'info' : 'neutral'}>{AUTHOR_LABELS[m.author] ?? m.author}</Badge>
                  </div>
                ) : (
                  <span className="visually-hidden">You: </span>
                )}
                <p className="bubble-body">{m.body}</p>
                <time className="bubble-time" dateTime={m.createdAt}>
                  {formatTime(new Date(m.createdAt))}
                </time>
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function AgentHelper({ caller, number }: { caller: string; number: PhoneNumber | undefined }) {
  const { base, workspace } = useWorkspace();
  const agent = useResource((signal) => api.get<AgentSettings>('/api/v1/agent', { signal }), []);
  const contact = useResource(
    (signal) => (caller ? api.get<Page<Contact>>(`/api/v1/contacts${qs({ phone: caller })}`, { signal }).then((p) => p.data[0] ?? null) : Promise.resolve(null)),
    [caller],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useLiveRefresh(workspace.id, (e) => !e || e.type === 'contact' || e.type === 'call', () => void contact.reload());
  if (!agent.data) return agent.error ? <ErrorNotice error={agent.error} /> : <Loading />;
  const a = agent.data;
  const tag = a.activeTags[0] ?? 'smschat_ai';
  const c = contact.data;
  const tagged = !!c && c.tags.some((t) => a.activeTags.includes(t));

  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      await Promise.all([agent.reload(), contact.reload()]);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title="AI agent" description="The agent answers replies from contacts with an active tag.">
      {c?.optedOut ? (
        <Notice kind="warning" title={`${formatPhone(caller)} opted out.`}>
          Nothing is texted to this phone — no text-back, no agent, no staff reply — until it texts START.
        </Notice>
      ) : null}
      <ul className="checklist">
        <li className={a.enabled ? 'done' : ''}>
          <span>{a.enabled ? 'The agent is on.' : 'The agent is off.'}</span>
          {!a.enabled ? (
            <button type="button" className="button button-small" disabled={busy} onClick={() => run(() => api.put('/api/v1/agent', { enabled: true }))}>
              Turn it on
            </button>
          ) : null}
        </li>
        <li className={tagged ? 'done' : ''}>
          <span>
            {!c ? `${formatPhone(caller)} is not a contact yet (calling makes it one).` : tagged ? `${formatPhone(caller)} has the “${c.tags.find((t) => a.activeTags.includes(t))}” tag.` : `${formatPhone(caller)} has no active tag.`}
          </span>
          {c && !tagged ? (
            <button type="button" className="button button-small" disabled={busy} onClick={() => run(() => api.post(`/api/v1/contacts/${encodeURIComponent(c.id)}/tags`, { tag }))}>
              Add “{tag}”
            </button>
          ) : null}
        </li>
        <li className={number?.missedCallTextBack.enabled ? 'done' : ''}>
          <span>{number ? (number.missedCallTextBack.enabled ? 'Missed-call text is on for this number.' : 'Missed-call text is off for this number.') : 'Pick a number.'}</span>
          {number ? (
            <Link className="button button-small button-quiet" to={`${base}/numbers/${encodeURIComponent(number.id)}`}>
              Edit
            </Link>
          ) : null}
        </li>
      </ul>
      {a.enabled && a.debounceSeconds > 0 ? <p className="muted small">The agent waits {a.debounceSeconds} s for more texts before it answers.</p> : null}
      {error ? <ErrorNotice error={error} /> : null}
    </Section>
  );
}

export function SimulatorPage() {
  const { base, workspace } = useWorkspace();
  const { search } = useLocation();
  useTitle('Phone simulator');
  const ids = useId();
  const numbers = useResource((signal) => api.get<Page<PhoneNumber>>('/api/v1/phone-numbers?limit=200', { signal }), []);
  const all = useMemo(() => numbers.data?.data ?? [], [numbers.data]);
  const sandbox = useMemo(() => all.filter((n) => n.carrier === 'sandbox'), [all]);
  const [to, setTo] = useState(search.get('number') ?? '');
  const [caller, setCaller] = useState(search.get('from') ?? DEFAULT_CALLER);
  const [outcome, setOutcome] = useState<Outcome>('no-answer');
  const [transcript, setTranscript] = useState("Hi, this is Sam. My water heater is leaking. Can someone come out today? Please call me back.");
  const [text, setText] = useState('');
  const [calls, setCalls] = useState<Call[]>([]);
  const [calling, setCalling] = useState(false);
  const [sending, setSending] = useState(false);
  const [callError, setCallError] = useState<unknown>(null);
  const [textError, setTextError] = useState<unknown>(null);
  const [thread, setThread] = useState<Message[]>([]);
  const [threadLoaded, setThreadLoaded] = useState(false);
  const callFormRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    // The list is newest first; the oldest sandbox number is usually the demo line set up first.
    const oldest = sandbox[sandbox.length - 1] ?? all[all.length - 1];
    if (!to && oldest) setTo(oldest.number);
  }, [sandbox, all, to]);

  const callerE164 = typedPhoneToE164(caller);
  const callerValid = callerE164 !== null;
  const callerProblem = callerValid
    ? null
    : caller.trim()
      ? `“${caller.trim()}” is not a phone number the simulator can use: type it with the area code, e.g. (512) 555-0199 or +15125550199.`
      : 'Type the caller’s phone number to start.';
  const phoneCalls = calls.filter((c) => c.from === callerE164 && (!to || c.to === to));
  const selected = all.find((n) => n.number === to);
  // A carrier number is practised on from a fictional phone only (the server refuses any other).
  const practice = !!selected && selected.carrier !== 'sandbox';
  const practiceProblem =
    practice && callerE164 && !isFictionalNumber(callerE164)
      ? `Practice calls to a ${carrierLabel(selected.carrier)} number come from a made-up number from 555-0100 to 555-0199, so no real phone is ever texted: use e.g. ${formatPhone(EXAMPLE_FICTIONAL_NUMBER)}.`
      : null;
  const pickNumber = (number: string) => {
    setTo(number);
    const next = all.find((n) => n.number === number);
    // Switching to a carrier number with a caller it would refuse: offer the fictional one at once.
    if (next && next.carrier !== 'sandbox' && !(callerE164 && isFictionalNumber(callerE164))) setCaller(EXAMPLE_FICTIONAL_NUMBER);
  };

  const loadThread = async () => {
    if (!callerValid) return;
    try {
      const res = await api.get<Page<Message>>(`/api/v1/sandbox/messages${qs({ phone: (callerE164 ?? '') })}`);
      setThread(res.data.filter((m) => !to || m.from === to || m.to === to));
      setThreadLoaded(true);
    } catch {
      // The next poll tries again; the call and text forms show their own errors.
    }
  };

  const refreshCalls = async () => {
    const pending = calls.filter((c) => c.textBack.status === 'pending' || c.outcome === 'ringing');
    if (pending.length === 0) return;
    const fresh = await Promise.all(pending.map((c) => api.get<Call>(`/api/v1/calls/${encodeURIComponent(c.id)}`).catch(() => c)));
    setCalls((cs) => cs.map((c) => fresh.find((f) => f.id === c.id) ?? c));
  };

  useEffect(() => {
    setThread([]);
    setThreadLoaded(false);
    void loadThread();
    // Reload when the phone or the number changes; loadThread reads both.
  }, [caller, to]);
  // The auto-text and the agent's answers come from the worker a moment later: look every second.
  useInterval(() => {
    void loadThread();
    void refreshCalls();
  }, 1000);
  useLiveRefresh(workspace.id, () => true, () => void loadThread());

  const placeCall = async (e: FormEvent) => {
    e.preventDefault();
    setCalling(true);
    setCallError(null);
    try {
      const body: Record<string, unknown> = { to, from: (callerE164 ?? ''), outcome };
      if (outcome === 'voicemail' && transcript.trim()) body.voicemailTranscript = transcript.trim();
      const call = await api.post<Call>('/api/v1/sandbox/calls', body);
      setCalls((cs) => [call, ...cs].slice(0, 10));
      void loadThread();
    } catch (err) {
      setCallError(err);
    } finally {
      setCalling(false);
    }
  };

  const sendText = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    setSending(true);
    setTextError(null);
    try {
      await api.post('/api/v1/sandbox/messages', { to, from: (callerE164 ?? ''), body: text.trim() });
      setText('');
      void loadThread();
    } catch (err) {
      setTextError(err);
    } finally {
      setSending(false);
    }
  };

  if (numbers.error) return <ErrorNotice error={numbers.error} onRetry={numbers.reload} />;
  if (!numbers.data) return <Loading />;

  return (
    <>
      <PageHeader
        title="Phone simulator"
        description="Play the caller: call one of your numbers, see the text-back arrive, reply and watch the AI agent answer. Nothing leaves this server: on a Twilio, SignalWire or Telnyx number it is a practice call, and no real text is sent."
      />
      {all.length === 0 ? (
        <EmptyState title="No phone number">
          <p>
            The simulator calls your numbers: a sandbox number to try Textback offline, or your real business number to practise its settings. <Link to={`${base}/numbers`}>Add one on the phone numbers page</Link>.
          </p>
        </EmptyState>
      ) : (
        <div className="simulator">
          <div className="phone" aria-labelledby={`${ids}-phone-title`} role="region">
            <div className="phone-top">
              <h2 id={`${ids}-phone-title`} className="phone-title">
                Virtual phone
              </h2>
              <p className="phone-sub">
                {formatPhone(caller)} ↔ {selected ? selected.name || formatPhone(selected.number) : formatPhone(to)}
                {practice ? (
                  <>
                    {' '}
                    <PracticeBadge />
                  </>
                ) : null}
              </p>
            </div>
            <PhoneThread messages={thread} loading={!threadLoaded} problem={callerProblem} />
            <form className="phone-compose" onSubmit={sendText} noValidate>
              <label htmlFor={`${ids}-text`} className="compose-label">
                Text message from the virtual phone
              </label>
              <input
                id={`${ids}-text`}
                name="body"
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder="Text message"
                autoComplete="off"
                aria-invalid={textError ? true : undefined}
              />
              <button type="submit" className="button button-primary" disabled={sending || !text.trim() || !callerValid || !to || !!practiceProblem}>
                Send
              </button>
            </form>
            {textError ? (
              <p className="field-error phone-error" role="alert">
                {(textError as Error).message}
              </p>
            ) : null}
          </div>

          <div className="stack-lg">
            <Section title="Place a call">
              <form ref={callFormRef} onSubmit={placeCall} noValidate className="stack">
                <div className="form-grid form-grid-wide">
                  <SelectField label="Call this number" name="to" value={to} onChange={(e) => pickNumber(e.target.value)} error={callError}>
                    {all.map((n) => (
                      <option key={n.id} value={n.number}>
                        {[formatPhone(n.number), n.name, n.carrier === 'sandbox' ? 'Sandbox' : `${carrierLabel(n.carrier)}: practice`].filter(Boolean).join(' · ')}
                      </option>
                    ))}
                  </SelectField>
                  <TextField
                    label="From (the caller's phone)"
                    name="from"
                    inputMode="tel"
                    value={caller}
                    onChange={(e) => setCaller(e.target.value)}
                    error={callError}
                    help={
                      practiceProblem ??
                      (callerE164 && callerE164 !== caller.trim()
                        ? `Calls and texts from ${formatPhone(callerE164)}.`
                        : practice
                          ? `A made-up number from 555-0100 to 555-0199, e.g. ${formatPhone(EXAMPLE_FICTIONAL_NUMBER)}.`
                          : 'Any made-up number, e.g. (555) 010-7777.')
                    }
                  />
                </div>
                {practice && selected ? (
                  <Notice kind="warning" title={`A practice call to your ${carrierLabel(selected.carrier)} number`}>
                    It uses this number's real settings — greeting, forwarding, hours, text-back message, agent — but nothing reaches {carrierLabel(selected.carrier)}: no phone rings and no real text is sent to anyone, staff phones included. The texts appear on the virtual phone and in the inbox marked Practice; practice calls are left out of your figures, and an owner can clear them on the overview.
                  </Notice>
                ) : null}
                <fieldset className="outcomes">
                  <legend>What happens</legend>
                  {OUTCOMES.map((o) => (
                    <label key={o.value} className="radio-card">
                      <input type="radio" name="outcome" value={o.value} checked={outcome === o.value} onChange={() => setOutcome(o.value)} />
                      <span>
                        <strong>{o.label}</strong>
                        <span className="muted small">{o.help}</span>
                      </span>
                    </label>
                  ))}
                </fieldset>
                {outcome === 'voicemail' ? (
                  <TextArea label="What the caller says (transcript)" name="voicemailTranscript" rows={3} value={transcript} onChange={(e) => setTranscript(e.target.value)} error={callError} />
                ) : null}
                <FormError error={callError} formRef={callFormRef} />
                <div className="form-actions">
                  <button type="submit" className="button button-primary" disabled={calling || !to || !callerValid || !!practiceProblem}>
                    {calling ? 'Calling…' : practice ? 'Practice call' : 'Call'}
                  </button>
                </div>
              </form>
              {phoneCalls.length ? (
                <div className="sim-calls">
                  <h3>Calls from this phone</h3>
                  <ol className="plain-list">
                    {phoneCalls.map((c) => (
                      <li key={c.id} className="sim-call">
                        <div className="badge-row">
                          <OutcomeBadge outcome={c.outcome} />
                          {c.outcome !== 'answered' ? <TextBackBadge status={c.textBack.status} /> : null}
                          <span className="muted small">{formatTime(new Date(c.startedAt))}</span>
                        </div>
                        <p className="small">{textBackSentence(c)}</p>
                      </li>
                    ))}
                  </ol>
                </div>
              ) : null}
            </Section>
            <AgentHelper caller={callerE164 ?? ''} number={selected} />
            <Notice kind="info">
              Texts appear a moment after the call: the text-back and the agent's answers are sent by the background worker, as in production.
            </Notice>
          </div>
        </div>
      )}
    </>
  );
}
