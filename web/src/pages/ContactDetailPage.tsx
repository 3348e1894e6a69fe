/**
 * One contact: name and pipeline stage, tags (add/remove), whether they can be texted and the
 * history of their consent (every STOP and START), their further numbers (after a merge, each with
 * its own opt-out), their calls and conversations, and merging a duplicate into them.
 */
import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError, qs } from '../api';
import { Badge, PracticeBadge } from '../components/Badge';
import { CallItem } from '../components/CallItem';
import { EmptyState, ErrorNotice, Loading, Notice, SaveStatus, type SaveState } from '../components/Feedback';
import { SelectField, TextField, useFocusInvalid } from '../components/Field';
import { PageHeader, Section } from '../components/Layout';
import { ContactMerge } from '../components/ContactMerge';
import { ContactNotes } from '../components/ContactNotes';
import { MessageThread } from '../components/MessageThread';
import { TagEditor } from '../components/TagEditor';
import { contactLabel, formatFull, formatPhone } from '../format';
import { useLiveRefresh, useResource, useTitle } from '../hooks';
import { Link } from '../router';
import { useWorkspace } from '../session';
import type { AgentSettings, Call, Contact, ContactDetail, Conversation, Message, Page, Pipeline, PhoneNumber } from '../types';
import { NotFoundPage } from './NotFoundPage';

function DetailsForm({ contact, stages, onSaved }: { contact: ContactDetail; stages: string[]; onSaved: (c: Contact) => void }) {
  const [name, setName] = useState(contact.name ?? '');
  const [stage, setStage] = useState(contact.stage ?? '');
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const formRef = useRef<HTMLFormElement>(null);
  const error = save.kind === 'error' ? save.error : null;
  useFocusInvalid(error, formRef);
  const dirty = name !== (contact.name ?? '') || stage !== (contact.stage ?? '');
  const stageOptions = stages.includes(stage) || !stage ? stages : [stage, ...stages];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSave({ kind: 'saving' });
    try {
      const updated = await api.patch<Contact>(`/api/v1/contacts/${encodeURIComponent(contact.id)}`, { name: name.trim() || null, stage: stage.trim() || null });
      onSaved(updated);
      setSave({ kind: 'saved', at: new Date() });
    } catch (err) {
      setSave({ kind: 'error', error: err });
    }
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack">
      <div className="form-grid">
        <TextField label="Name" name="name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} error={error} />
        {stages.length ? (
          <SelectField label="Pipeline stage" name="stage" value={stage} onChange={(e) => setStage(e.target.value)} error={error} help="Moving a contact can start workflows.">
            <option value="">No stage</option>
            {stageOptions.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </SelectField>
        ) : (
          <TextField label="Pipeline stage" name="stage" value={stage} onChange={(e) => setStage(e.target.value)} error={error} help="Any name; set up fixed stages in Settings." />
        )}
      </div>
      <div className="save-bar-row">
        <button type="submit" className="button button-primary" disabled={save.kind === 'saving'}>
          Save
        </button>
        <SaveStatus state={save} dirty={dirty} />
      </div>
    </form>
  );
}

function ConversationMessages({ conversation, numberName }: { conversation: Conversation; numberName: string }) {
  const { base } = useWorkspace();
  const messages = useResource((signal) => api.get<Page<Message>>(`/api/v1/conversations/${encodeURIComponent(conversation.id)}/messages?limit=50`, { signal }), [conversation.id, conversation.lastMessageAt]);
  return (
    <div className="contact-conversation">
      <div className="row-between">
        <h3>With {numberName}</h3>
        <Link to={`${base}/inbox/${encodeURIComponent(conversation.id)}`} className="button button-small">
          Open in inbox
        </Link>
      </div>
      {messages.error ? <ErrorNotice error={messages.error} /> : null}
      {messages.data ? <MessageThread messages={[...messages.data.data].reverse()} label={`Messages with ${numberName}`} /> : <Loading />}
    </div>
  );
}

export function ContactDetailPage({ id }: { id: string }) {
  const { base, workspace } = useWorkspace();
  const contact = useResource((signal) => api.get<ContactDetail>(`/api/v1/contacts/${encodeURIComponent(id)}`, { signal }), [id]);
  const calls = useResource((signal) => api.get<Page<Call>>(`/api/v1/calls${qs({ contactId: id, limit: 50 })}`, { signal }), [id]);
  const conversations = useResource((signal) => api.get<Page<Conversation>>(`/api/v1/conversations${qs({ contactId: id })}`, { signal }), [id]);
  const numbers = useResource((signal) => api.get<Page<PhoneNumber>>('/api/v1/phone-numbers?limit=200', { signal }), []);
  const pipeline = useResource((signal) => api.get<Pipeline>('/api/v1/pipeline', { signal }).catch((): Pipeline => ({ stages: [], contactCounts: {}, updatedAt: null })), []);
  const agent = useResource((signal) => api.get<AgentSettings>('/api/v1/agent', { signal }).catch(() => null), []);
  // A merge adds notes (the duplicate's and one recording the merge): remount the notes to show them.
  const [notesVersion, setNotesVersion] = useState(0);
  useTitle(contact.data ? contactLabel(contact.data) : 'Contact');

  useLiveRefresh(workspace.id, (e) => !e || e.type === 'contact', () => void contact.reload());
  useLiveRefresh(workspace.id, (e) => !e || e.type === 'call', () => void calls.reload());
  useLiveRefresh(workspace.id, (e) => !e || e.type === 'message' || e.type === 'conversation', () => void conversations.reload());

  if (contact.error instanceof ApiError && contact.error.isNotFound) return <NotFoundPage what="contact" />;
  if (contact.error) return <ErrorNotice error={contact.error} onRetry={contact.reload} />;
  if (!contact.data) return <Loading />;
  const c = contact.data;
  const numberMap = new Map((numbers.data?.data ?? []).map((n) => [n.id, n]));
  const activeTags = agent.data?.activeTags ?? [];
  const agentWillAnswer = !!agent.data?.enabled && c.tags.some((t) => activeTags.includes(t));
  const merge = (u: Contact) => contact.setData((old) => ({ ...(old ?? c), ...u, consentHistory: old?.consentHistory ?? c.consentHistory }));

  return (
    <>
      <PageHeader
        back={{ to: `${base}/contacts`, label: 'Contacts' }}
        title={contactLabel(c)}
        description={c.name ? formatPhone(c.phone) : undefined}
        actions={
          <div className="badge-row">
            {c.practice ? <PracticeBadge /> : null}
            {c.optedOut ? <Badge tone="bad">Opted out</Badge> : null}
            {!c.textable ? <Badge tone="warn">Can't receive texts</Badge> : null}
            {agentWillAnswer ? <Badge tone="accent">AI agent answers</Badge> : null}
          </div>
        }
      />
      <div className="two-column">
        <div className="stack-lg">
          <Section title="Details">
            <DetailsForm key={c.id} contact={c} stages={pipeline.data?.stages ?? []} onSaved={merge} />
          </Section>
          <Section
            title="Tags"
            description={
              activeTags.length
                ? `Tags start workflows and decide who the AI agent talks to. The agent answers contacts tagged ${activeTags.join(' or ')}.`
                : 'Tags start workflows and decide who the AI agent talks to.'
            }
          >
            <TagEditor contact={c} onChange={merge} suggestions={activeTags} />
          </Section>
          <Section title="Texting permission" description="An opt-out is per phone number and applies to every number of this workspace.">
            {c.optedOut ? (
              <Notice kind="error">Opted out{c.optedOutAt ? ` on ${formatFull(c.optedOutAt)}` : ''}. No texts are sent until they text START.</Notice>
            ) : !c.textable ? (
              <Notice kind="warning">The carrier says this phone can't receive texts{c.notTextableReason ? `: ${c.notTextableReason}` : ''}.</Notice>
            ) : (
              <p>Can be texted.</p>
            )}
            {c.otherPhones?.length ? (
              <>
                <h3>Other numbers</h3>
                <p className="muted small">Replies go to {formatPhone(c.phone)}, the number they last reached you from; they follow whenever the person calls or texts from another.</p>
                <ul className="plain-list" aria-label="Other numbers">
                  {c.otherPhones.map((o) => (
                    <li key={o.phone}>
                      {formatPhone(o.phone)} {o.optedOut ? <Badge tone="bad">Opted out</Badge> : null}
                      {!o.textable ? <Badge tone="warn">Can't receive texts</Badge> : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <h3>Consent history</h3>
            {c.consentHistory.length === 0 ? (
              <p className="muted small">No opt-outs or opt-ins recorded.</p>
            ) : (
              <ol className="timeline">
                {c.consentHistory.map((e) => (
                  <li key={e.id}>
                    <Badge tone={e.kind === 'opt_out' ? 'bad' : 'good'}>{e.kind === 'opt_out' ? 'Opted out' : 'Opted in'}</Badge>{' '}
                    <time dateTime={e.createdAt}>{formatFull(e.createdAt)}</time>
                    <div className="muted small">
                      {e.source === 'keyword' ? 'Texted' : e.source === 'carrier' ? 'Carrier reported' : e.source === 'phrase' ? 'Wrote' : capitalizeFirst(e.source)}: “{e.detail}”
                    </div>
                  </li>
                ))}
              </ol>
            )}
          </Section>
          <ContactMerge
            contact={c}
            onMerged={() => {
              void contact.reload();
              void calls.reload();
              void conversations.reload();
              setNotesVersion((v) => v + 1);
            }}
          />
        </div>
        <div className="stack-lg">
          <ContactNotes key={notesVersion} contactId={id} />
          <Section title="Conversations">
            {conversations.error ? <ErrorNotice error={conversations.error} /> : null}
            {!conversations.data ? (
              <Loading />
            ) : conversations.data.data.length === 0 ? (
              <EmptyState title="No texts yet" />
            ) : (
              conversations.data.data.map((cv) => {
                const n = numberMap.get(cv.phoneNumberId);
                return <ConversationMessages key={cv.id} conversation={cv} numberName={n ? n.name || formatPhone(n.number) : 'your number'} />;
              })
            )}
          </Section>
          <Section title="Calls">
            {calls.error ? <ErrorNotice error={calls.error} /> : null}
            {!calls.data ? (
              <Loading />
            ) : calls.data.data.length === 0 ? (
              <EmptyState title="No calls yet" />
            ) : (
              <ul className="plain-list">
                {calls.data.data.map((call) => (
                  <li key={call.id}>
                    <CallItem call={call} number={numberMap.get(call.phoneNumberId)} showContact={false} />
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </div>
      </div>
    </>
  );
}

function capitalizeFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
