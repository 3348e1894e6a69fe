/**
 * The AI agent: who it talks to (active tags), how it behaves (system prompt, model and key,
 * pauses and limits), what it knows (knowledge base), a test chat that sends nothing, and the log of
 * every turn it took in real conversations. Members see the model read-only (owners choose it).
 */
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api';
import { ErrorNotice, Loading, SaveStatus, type SaveState } from '../components/Feedback';
import { Checkbox, NumberField, SelectField, TextArea, TextField, Toggle, useFocusInvalid } from '../components/Field';
import { PageHeader, Section } from '../components/Layout';
import { useResource, useTitle } from '../hooks';
import { useWorkspace } from '../session';
import type { AgentSettings, Provider } from '../types';
import { KnowledgeBase } from './agent/KnowledgeBase';
import { ModelReadOnly } from './agent/ModelReadOnly';
import { TestChat } from './agent/TestChat';
import { TurnLog } from './agent/TurnLog';

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
  const mayChangeModel = useWorkspace().role === 'owner';
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
        // A member's save leaves the model alone (it is not theirs to change).
        ...(mayChangeModel ? { model } : {}),
        enabled: form.enabled,
        activeTags: form.activeTags
          .split(/[,\n]+/)
          .map((t) => t.trim())
          .filter(Boolean),
        systemPrompt: form.systemPrompt,
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
      {mayChangeModel ? (
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
      ) : (
        <ModelReadOnly model={settings.model} providerLabel={(p) => PROVIDERS.find((x) => x.value === p)?.label ?? p} />
      )}
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
