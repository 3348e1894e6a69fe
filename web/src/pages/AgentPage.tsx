/**
 * The AI agent: who it talks to (active tags), how it behaves (system prompt, model and key,
 * pauses and limits), what it knows (knowledge base), a test chat that sends nothing, and the log of
 * every turn it took in real conversations.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api';
import { Badge } from '../components/Badge';
import { EmptyState, ErrorNotice, Loading, SaveStatus, type SaveState } from '../components/Feedback';
import { Checkbox, FormError, NumberField, SelectField, TextArea, TextField, Toggle, useFocusInvalid } from '../components/Field';
import { PageHeader, Section } from '../components/Layout';
import { formatDateTime } from '../format';
import { useLiveUpdates, useResource, useTitle } from '../hooks';
import { Link } from '../router';
import { useWorkspace } from '../session';
import type { AgentSettings, AgentTestReply, AgentTurn, KnowledgeEntry, Page, Provider } from '../types';

const PROVIDERS: Array<{ value: Provider; label: string; help: string }> = [
  { value: 'builtin', label: 'Built-in (no AI service needed)', help: 'Works offline, costs nothing, never makes things up: it answers with your knowledge entries and hands anything else to your team.' },
  { value: 'openai', label: 'OpenAI', help: 'Uses your OpenAI API key. Model, e.g. gpt-4o-mini.' },
  { value: 'anthropic', label: 'Anthropic', help: 'Uses your Anthropic API key. Model, e.g. claude-3-5-haiku-latest.' },
  { value: 'openai-compatible', label: 'OpenAI-compatible server', help: 'Any server that speaks the Chat Completions API (a local model, a gateway). Give its base URL.' },
];

interface Form {
  enabled: boolean;
  activeTags: string;
  systemPrompt: string;
  provider: Provider;
  modelName: string;
  baseUrl: string;
  apiKey: string;
  clearKey: boolean;
  sleepMinutesAfterHuman: number;
  debounceSeconds: number;
  maxRepliesPerContactPerDay: number;
  maxSegments: number;
}

function toForm(s: AgentSettings): Form {
  return {
    enabled: s.enabled,
    activeTags: s.activeTags.join(', '),
    systemPrompt: s.systemPrompt,
    provider: s.model.provider,
    modelName: s.model.name,
    baseUrl: s.model.baseUrl ?? '',
    apiKey: '',
    clearKey: false,
    sleepMinutesAfterHuman: s.sleepMinutesAfterHuman,
    debounceSeconds: s.debounceSeconds,
    maxRepliesPerContactPerDay: s.maxRepliesPerContactPerDay,
    maxSegments: s.maxSegments,
  };
}

function SettingsForm({ settings, onSaved }: { settings: AgentSettings; onSaved: (s: AgentSettings) => void }) {
  const [form, setForm] = useState(() => toForm(settings));
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const formRef = useRef<HTMLFormElement>(null);
  const error = save.kind === 'error' ? save.error : null;
  useFocusInvalid(error, formRef);
  const update = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }));
    if (save.kind !== 'saving') setSave({ kind: 'idle' });
  };
  const provider = PROVIDERS.find((p) => p.value === form.provider) ?? PROVIDERS[0]!;
  const needsKey = form.provider !== 'builtin';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSave({ kind: 'saving' });
    const model: Record<string, unknown> = { provider: form.provider, name: form.modelName.trim(), baseUrl: form.baseUrl.trim() || null };
    if (form.clearKey) model.apiKey = null;
    else if (form.apiKey.trim()) model.apiKey = form.apiKey.trim();
    try {
      const saved = await api.put<AgentSettings>('/api/v1/agent', {
        enabled: form.enabled,
        activeTags: form.activeTags
          .split(/[,\n]+/)
          .map((t) => t.trim())
          .filter(Boolean),
        systemPrompt: form.systemPrompt,
        model,
        sleepMinutesAfterHuman: form.sleepMinutesAfterHuman,
        debounceSeconds: form.debounceSeconds,
        maxRepliesPerContactPerDay: form.maxRepliesPerContactPerDay,
        maxSegments: form.maxSegments,
      });
      onSaved(saved);
      setForm((f) => ({ ...f, apiKey: '', clearKey: false }));
      setSave({ kind: 'saved', at: new Date() });
    } catch (err) {
      setSave({ kind: 'error', error: err });
    }
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack">
      <Toggle
        name="enabled"
        label="AI agent answers texts"
        checked={form.enabled}
        onChange={(enabled) => update({ enabled })}
        help="It only answers contacts with an active tag, and it steps back when a team member replies."
        error={error}
      />
      <TextField
        label="Active tags"
        name="activeTags"
        value={form.activeTags}
        onChange={(e) => update({ activeTags: e.target.value })}
        help="The agent talks only to contacts with one of these tags (separate several with commas). Add the tag to a contact, or let a workflow add it on every missed call."
        error={error}
      />
      <TextArea label="System prompt" name="systemPrompt" rows={6} value={form.systemPrompt} onChange={(e) => update({ systemPrompt: e.target.value })} help="How the agent should behave. {{business.name}} is replaced with your business name." error={error} />
      <fieldset>
        <legend>Model</legend>
        <SelectField label="Provider" name="model.provider" value={form.provider} onChange={(e) => update({ provider: e.target.value as Provider })} help={provider.help} error={error}>
          {PROVIDERS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </SelectField>
        {needsKey ? (
          <div className="form-grid">
            <TextField label="Model name" name="model.name" value={form.modelName} onChange={(e) => update({ modelName: e.target.value })} error={error} autoComplete="off" />
            {form.provider === 'openai-compatible' || form.baseUrl ? (
              <TextField label="Base URL" name="model.baseUrl" type="url" placeholder="https://llm.example.com/v1" value={form.baseUrl} onChange={(e) => update({ baseUrl: e.target.value })} error={error} />
            ) : null}
            <TextField
              label="API key"
              name="model.apiKey"
              type="password"
              autoComplete="off"
              value={form.apiKey}
              disabled={form.clearKey}
              placeholder={settings.model.apiKeySet ? 'Saved (hidden)' : ''}
              onChange={(e) => update({ apiKey: e.target.value })}
              help={settings.model.apiKeySet ? 'A key is saved. It is never shown; type a new one to replace it.' : 'Stored encrypted; never shown again.'}
              error={error}
            />
          </div>
        ) : null}
        {needsKey && settings.model.apiKeySet ? <Checkbox name="clearKey" label="Remove the saved API key" checked={form.clearKey} onChange={(clearKey) => update({ clearKey })} /> : null}
      </fieldset>
      <fieldset>
        <legend>Pace and limits</legend>
        <div className="form-grid">
          <NumberField
            label="Wait for more texts before answering"
            name="debounceSeconds"
            suffix="seconds"
            min={0}
            max={120}
            value={form.debounceSeconds}
            onChange={(debounceSeconds) => update({ debounceSeconds })}
            help="People often send several short texts in a row; the agent answers them together."
            error={error}
          />
          <NumberField
            label="Pause after a team member replies"
            name="sleepMinutesAfterHuman"
            suffix="minutes"
            min={0}
            max={10080}
            value={form.sleepMinutesAfterHuman}
            onChange={(sleepMinutesAfterHuman) => update({ sleepMinutesAfterHuman })}
            error={error}
          />
          <NumberField
            label="Replies per contact per day, at most"
            name="maxRepliesPerContactPerDay"
            min={1}
            max={500}
            value={form.maxRepliesPerContactPerDay}
            onChange={(maxRepliesPerContactPerDay) => update({ maxRepliesPerContactPerDay })}
            error={error}
          />
          <NumberField label="Longest reply" name="maxSegments" suffix="SMS segments" min={1} max={10} value={form.maxSegments} onChange={(maxSegments) => update({ maxSegments })} error={error} />
        </div>
      </fieldset>
      <div className="save-bar-row">
        <button type="submit" className="button button-primary" disabled={save.kind === 'saving'}>
          {save.kind === 'saving' ? 'Saving…' : 'Save agent settings'}
        </button>
        <SaveStatus state={save} />
      </div>
    </form>
  );
}

function KnowledgeBase() {
  const entries = useResource((signal) => api.get<Page<KnowledgeEntry>>('/api/v1/knowledge?limit=200', { signal }), []);
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/v1/knowledge', { title: title.trim(), content: content.trim() });
      setTitle('');
      setContent('');
      setAdding(false);
      await entries.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (entry: KnowledgeEntry) => {
    if (!window.confirm(`Delete “${entry.title}” from the knowledge base?`)) return;
    try {
      await api.del(`/api/v1/knowledge/${encodeURIComponent(entry.id)}`);
      await entries.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Section
      title="Knowledge base"
      description="What the agent knows about your business: prices, services, hours, areas you serve. It answers from these entries and hands off what they don't cover."
      actions={
        <button type="button" className="button button-small" aria-expanded={adding} onClick={() => setAdding((a) => !a)}>
          {adding ? 'Close' : 'Add an entry'}
        </button>
      }
    >
      {adding ? (
        <form ref={formRef} onSubmit={add} noValidate className="stack inset">
          <TextField label="Title" name="title" placeholder="Prices" value={title} onChange={(e) => setTitle(e.target.value)} error={error} />
          <TextArea label="Content" name="content" rows={5} placeholder="Our diagnostic visit is $89, waived if you go ahead with the repair." value={content} onChange={(e) => setContent(e.target.value)} error={error} />
          <FormError error={error} formRef={formRef} />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Adding…' : 'Add to knowledge base'}
            </button>
          </div>
        </form>
      ) : error ? (
        <ErrorNotice error={error} />
      ) : null}
      {entries.error ? <ErrorNotice error={entries.error} onRetry={entries.reload} /> : null}
      {!entries.data && !entries.error ? <Loading /> : null}
      {entries.data && entries.data.data.length === 0 ? <EmptyState title="No entries yet">Add your prices, services and policies.</EmptyState> : null}
      {entries.data && entries.data.data.length > 0 ? (
        <ul className="knowledge-list">
          {entries.data.data.map((k) => (
            <li key={k.id}>
              <details>
                <summary>
                  <span className="knowledge-title">{k.title}</span>
                </summary>
                <p className="knowledge-content">{k.content}</p>
              </details>
              <button type="button" className="button button-small button-quiet" onClick={() => remove(k)} aria-label={`Delete ${k.title}`}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}

interface ChatLine {
  role: 'contact' | 'business';
  text: string;
  handoff?: string | null;
  passages?: AgentTestReply['passages'];
}

function TestChat() {
  const [lines, setLines] = useState<ChatLine[]>([]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const endRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = endRef.current?.parentElement;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines.length]);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    const value = text.trim();
    if (!value) return;
    const history: ChatLine[] = [...lines, { role: 'contact', text: value }];
    setLines(history);
    setText('');
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<AgentTestReply>('/api/v1/agent/test', { messages: history.map((l) => ({ role: l.role, text: l.text })) });
      setLines((ls) => [
        ...ls,
        {
          role: 'business',
          text: res.reply ?? (res.handoff ? '(No reply: the agent hands this to your team.)' : '(No reply.)'),
          handoff: res.handoff?.reason ?? null,
          passages: res.passages,
        },
      ]);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section
      title="Test chat"
      description="Text the agent as a customer would. It uses your saved settings and knowledge; nothing is sent to anyone."
      actions={
        lines.length ? (
          <button type="button" className="button button-small button-quiet" onClick={() => setLines([])}>
            Start over
          </button>
        ) : null
      }
    >
      <div className="test-chat" role="log" aria-label="Test conversation" aria-live="polite" tabIndex={0}>
        {lines.length === 0 ? <p className="muted small">Try “How much is your diagnostic fee?”</p> : null}
        {lines.map((l, i) => (
          <div key={i} className={`thread-item ${l.role === 'contact' ? 'thread-inbound' : 'thread-outbound'}`}>
            <div className={`bubble ${l.role === 'contact' ? 'bubble-in' : 'bubble-out'}`}>
              <div className="bubble-meta">
                <Badge tone={l.role === 'contact' ? 'neutral' : 'accent'}>{l.role === 'contact' ? 'You, as a customer' : 'AI agent'}</Badge>
              </div>
              <p className="bubble-body">{l.text}</p>
              {l.handoff ? <p className="handoff">Hands off to your team: {l.handoff}</p> : null}
              {l.passages && l.passages.length ? (
                <details className="passages">
                  <summary>Used {l.passages.length === 1 ? '1 knowledge passage' : `${l.passages.length} knowledge passages`}</summary>
                  <ul>
                    {l.passages.map((p, j) => (
                      <li key={j}>
                        <strong>{p.title}</strong>: {p.text}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </div>
          </div>
        ))}
        {busy ? <p className="muted small">The agent is typing…</p> : null}
        <div ref={endRef} />
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      <form className="chat-form" onSubmit={send} noValidate>
        <label htmlFor="test-chat-input" className="visually-hidden">
          Message to the agent
        </label>
        <input id="test-chat-input" name="testMessage" value={text} onChange={(e) => setText(e.target.value)} placeholder="Type a customer's question" autoComplete="off" />
        <button type="submit" className="button button-primary" disabled={busy || !text.trim()}>
          Send
        </button>
      </form>
    </Section>
  );
}

function turnStatus(t: AgentTurn): { label: string; tone: 'good' | 'warn' | 'bad' | 'neutral' } {
  if (t.error || t.status === 'failed' || t.status === 'error') return { label: 'Failed', tone: 'bad' };
  if (t.handoffReason || t.status === 'handoff') return { label: 'Handed off', tone: 'warn' };
  if (t.status === 'replied' || t.reply) return { label: 'Replied', tone: 'good' };
  return { label: t.status.replace(/_/g, ' '), tone: 'neutral' };
}

function passageTitles(p: unknown): string[] {
  if (!Array.isArray(p)) return [];
  const titles = p.map((x) => (x && typeof x === 'object' && 'title' in x ? String((x as { title: unknown }).title) : '')).filter(Boolean);
  return [...new Set(titles)];
}

function TurnLog() {
  const { base, workspace } = useWorkspace();
  const turns = useResource((signal) => api.get<Page<AgentTurn>>('/api/v1/agent/turns?limit=50', { signal }), []);
  useLiveUpdates(workspace.id, (e) => {
    if (!e || e.type === 'message') void turns.reload();
  });
  return (
    <Section title="What the agent did" description="Every turn the agent took in a real conversation: what it replied, what it looked up, and when it handed off.">
      {turns.error ? <ErrorNotice error={turns.error} onRetry={turns.reload} /> : null}
      {!turns.data && !turns.error ? <Loading /> : null}
      {turns.data && turns.data.data.length === 0 ? <EmptyState title="No turns yet">When a tagged contact texts, the agent's answers are logged here.</EmptyState> : null}
      {turns.data && turns.data.data.length > 0 ? (
        <ol className="turn-log">
          {turns.data.data.map((t) => {
            const s = turnStatus(t);
            const titles = passageTitles(t.passages);
            return (
              <li key={t.id} className="turn">
                <div className="row-between">
                  <div className="badge-row">
                    <Badge tone={s.tone}>{s.label}</Badge>
                    <span className="muted small">
                      <time dateTime={t.createdAt}>{formatDateTime(t.createdAt)}</time> · {t.provider === 'builtin' ? 'built-in' : t.provider}
                      {t.model && t.model !== t.provider ? ` ${t.model}` : ''}
                      {t.latencyMs !== null ? ` · ${t.latencyMs} ms` : ''}
                    </span>
                  </div>
                  <Link to={`${base}/inbox/${encodeURIComponent(t.conversationId)}`} className="small">
                    Open conversation
                  </Link>
                </div>
                {t.reply ? <p className="turn-reply">“{t.reply}”</p> : null}
                {t.handoffReason ? <p className="small">Handed off: {t.handoffReason}</p> : null}
                {t.error ? <p className="small field-error">{t.error}</p> : null}
                {titles.length ? <p className="muted small">Looked up: {titles.join(', ')}</p> : null}
              </li>
            );
          })}
        </ol>
      ) : null}
    </Section>
  );
}

export function AgentPage() {
  useTitle('AI agent');
  const settings = useResource((signal) => api.get<AgentSettings>('/api/v1/agent', { signal }), []);
  return (
    <>
      <PageHeader title="AI agent" description="Answers your customers' texts from your knowledge base, and hands the conversation to your team when it should." />
      <div className="two-column">
        <div className="stack-lg">
          <Section title="Settings">
            {settings.error ? <ErrorNotice error={settings.error} onRetry={settings.reload} /> : null}
            {settings.data ? <SettingsForm settings={settings.data} onSaved={(s) => settings.setData(s)} /> : settings.error ? null : <Loading />}
          </Section>
        </div>
        <div className="stack-lg">
          <TestChat />
          <KnowledgeBase />
        </div>
      </div>
      <TurnLog />
    </>
  );
}
