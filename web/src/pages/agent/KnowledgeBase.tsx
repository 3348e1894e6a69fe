/**
 * The knowledge editor: add, edit in place and delete entries; import a web page or a sitemap, or
 * a file (PDF, Word, Markdown, text, CSV price list); see the chunks the agent reads for an entry;
 * re-import a page on demand. Files go up as base64 JSON, like every other call of the API.
 */
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { Badge } from '../../components/Badge';
import { EmptyState, ErrorNotice, Loading } from '../../components/Feedback';
import { FormError, NumberField, TextArea, TextField } from '../../components/Field';
import { Section } from '../../components/Layout';
import { useResource } from '../../hooks';
import type { KnowledgeChunk, KnowledgeEntry, KnowledgeImportResult, Page } from '../../types';

type Panel = 'none' | 'add' | 'url' | 'file';

const MAX_FILE_MB = 5;

function sourceLabel(entry: KnowledgeEntry): string | null {
  if (entry.source?.type === 'url') return `From ${entry.source.url}`;
  if (entry.source?.type === 'file') return `From file ${entry.source.name}`;
  return null;
}

/** The file's bytes as base64, read in the browser. */
function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('Could not read the file'));
    reader.readAsDataURL(file);
  });
}

function AddEntryForm({ onDone }: { onDone: () => Promise<void> }) {
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/v1/knowledge', { title: title.trim(), content: content.trim() });
      await onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
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
  );
}

function ImportUrlForm({ onDone }: { onDone: (result: KnowledgeImportResult) => Promise<void> }) {
  const [url, setUrl] = useState('');
  const [maxPages, setMaxPages] = useState(20);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onDone(await api.post<KnowledgeImportResult>('/api/v1/knowledge/import/url', { url: url.trim(), maxPages }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack inset">
      <TextField
        label="Web page or sitemap address"
        name="url"
        type="url"
        placeholder="https://www.example.com/services or https://www.example.com/sitemap.xml"
        help="The page's main text is imported (menus and footers left out). A sitemap imports each page it lists."
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        error={error}
      />
      <NumberField label="Most pages from a sitemap" name="maxPages" value={maxPages} onChange={setMaxPages} min={1} max={50} error={error} />
      <FormError error={error} formRef={formRef} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
    </form>
  );
}

function ImportFileForm({ onDone }: { onDone: (entry: KnowledgeEntry) => Promise<void> }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setError(new Error('Choose a file first.'));
      return;
    }
    if (file.size > MAX_FILE_MB * 1024 * 1024) {
      setError(new Error(`The file is larger than ${MAX_FILE_MB} MB.`));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const contentBase64 = await readAsBase64(file);
      await onDone(await api.post<KnowledgeEntry>('/api/v1/knowledge/import/file', { fileName: file.name, contentBase64 }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack inset">
      <label className="field">
        <span className="field-label">File (PDF, Word .docx, Markdown, text or a CSV price list, up to {MAX_FILE_MB} MB)</span>
        <input type="file" name="file" accept=".pdf,.docx,.md,.markdown,.txt,.csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <FormError error={error} formRef={formRef} />
      {error && !(error as { field?: string }).field ? <ErrorNotice error={error} /> : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Importing…' : 'Import file'}
        </button>
      </div>
    </form>
  );
}

function EntryEditor({ entry, onSaved, onCancel }: { entry: KnowledgeEntry; onSaved: () => Promise<void>; onCancel: () => void }) {
  const [title, setTitle] = useState(entry.title);
  const [content, setContent] = useState(entry.content);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.patch(`/api/v1/knowledge/${encodeURIComponent(entry.id)}`, { title: title.trim(), content: content.trim() });
      await onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form ref={formRef} onSubmit={save} noValidate className="stack">
      <TextField label="Title" name="title" value={title} onChange={(e) => setTitle(e.target.value)} error={error} />
      <TextArea label="Content" name="content" rows={10} value={content} onChange={(e) => setContent(e.target.value)} error={error} />
      <FormError error={error} formRef={formRef} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ChunkList({ entryId }: { entryId: string }) {
  const chunks = useResource((signal) => api.get<{ data: KnowledgeChunk[] }>(`/api/v1/knowledge/${encodeURIComponent(entryId)}/chunks`, { signal }), [entryId]);
  if (chunks.error) return <ErrorNotice error={chunks.error} onRetry={chunks.reload} />;
  if (!chunks.data) return <Loading />;
  return (
    <ol className="knowledge-chunks" aria-label="What the agent reads">
      {chunks.data.data.map((c) => (
        <li key={c.id}>
          <pre className="knowledge-content">{c.text}</pre>
        </li>
      ))}
    </ol>
  );
}

function EntryItem({ entry, reload, onError }: { entry: KnowledgeEntry; reload: () => Promise<void>; onError: (err: unknown) => void }) {
  const [editing, setEditing] = useState(false);
  // Open while the owner reads or edits it, and still open after a save: they see what they saved.
  const [open, setOpen] = useState(false);
  const [showChunks, setShowChunks] = useState(false);
  const [busy, setBusy] = useState(false);
  const source = sourceLabel(entry);

  const remove = async () => {
    if (!window.confirm(`Delete “${entry.title}” from the knowledge base?`)) return;
    try {
      await api.del(`/api/v1/knowledge/${encodeURIComponent(entry.id)}`);
      await reload();
    } catch (err) {
      onError(err);
    }
  };
  const reimport = async () => {
    setBusy(true);
    try {
      await api.post(`/api/v1/knowledge/${encodeURIComponent(entry.id)}/reimport`, {});
      await reload();
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li>
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          <span className="knowledge-title">{entry.title}</span>{' '}
          {entry.source?.type && entry.source.type !== 'manual' ? <Badge tone="neutral">{entry.source.type === 'url' ? 'web page' : 'file'}</Badge> : null}
        </summary>
        {source ? <p className="muted">{source}</p> : null}
        {editing ? (
          <EntryEditor
            entry={entry}
            onCancel={() => setEditing(false)}
            onSaved={async () => {
              // The list first, so the form gives way to the saved text, not to the old one. The save
              // is done either way: the form closes even if the list could not be fetched again.
              try {
                await reload();
              } finally {
                setEditing(false);
              }
            }}
          />
        ) : (
          <p className="knowledge-content">{entry.content}</p>
        )}
        <div className="form-actions">
          <button type="button" className="button button-small" aria-expanded={showChunks} onClick={() => setShowChunks((s) => !s)}>
            {showChunks ? 'Hide what the agent reads' : `Show what the agent reads (${entry.chunks ?? 0} ${entry.chunks === 1 ? 'chunk' : 'chunks'})`}
          </button>
        </div>
        {showChunks ? <ChunkList entryId={`${entry.id}`} key={entry.updatedAt ?? entry.createdAt} /> : null}
      </details>
      <div className="knowledge-actions">
        {!editing ? (
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => {
              setEditing(true);
              setOpen(true);
            }}
            aria-label={`Edit ${entry.title}`}
          >
            Edit
          </button>
        ) : null}
        {entry.source?.type === 'url' ? (
          <button type="button" className="button button-small button-quiet" onClick={reimport} disabled={busy} aria-label={`Re-import ${entry.title}`}>
            {busy ? 'Re-importing…' : 'Re-import'}
          </button>
        ) : null}
        <button type="button" className="button button-small button-quiet" onClick={remove} aria-label={`Delete ${entry.title}`}>
          Delete
        </button>
      </div>
    </li>
  );
}

export function KnowledgeBase() {
  const entries = useResource((signal) => api.get<Page<KnowledgeEntry>>('/api/v1/knowledge?limit=200', { signal }), []);
  const [panel, setPanel] = useState<Panel>('none');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const toggle = (p: Panel) => {
    setNotice(null);
    setError(null);
    setPanel((current) => (current === p ? 'none' : p));
  };

  return (
    <Section
      title="Knowledge base"
      description="What the agent knows about your business: prices, services, hours, areas you serve. It answers from these entries and hands off what they don't cover."
      actions={
        <div className="form-actions">
          <button type="button" className="button button-small" aria-expanded={panel === 'add'} onClick={() => toggle('add')}>
            {panel === 'add' ? 'Close' : 'Add an entry'}
          </button>
          <button type="button" className="button button-small" aria-expanded={panel === 'url'} onClick={() => toggle('url')}>
            {panel === 'url' ? 'Close' : 'Import a web page'}
          </button>
          <button type="button" className="button button-small" aria-expanded={panel === 'file'} onClick={() => toggle('file')}>
            {panel === 'file' ? 'Close' : 'Import a file'}
          </button>
        </div>
      }
    >
      {panel === 'add' ? (
        <AddEntryForm
          onDone={async () => {
            setPanel('none');
            await entries.reload();
          }}
        />
      ) : null}
      {panel === 'url' ? (
        <ImportUrlForm
          onDone={async (result) => {
            setPanel('none');
            const skipped = result.skipped.length > 0 ? ` Skipped ${result.skipped.length}: ${result.skipped.map((s) => `${s.url} (${s.reason})`).join('; ')}.` : '';
            setNotice(`Imported ${result.entries.length} ${result.entries.length === 1 ? 'page' : 'pages'}.${skipped}`);
            await entries.reload();
          }}
        />
      ) : null}
      {panel === 'file' ? (
        <ImportFileForm
          onDone={async (entry) => {
            setPanel('none');
            setNotice(`Imported “${entry.title}” (${entry.chunks ?? 0} ${entry.chunks === 1 ? 'chunk' : 'chunks'}).`);
            await entries.reload();
          }}
        />
      ) : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      {entries.error ? <ErrorNotice error={entries.error} onRetry={entries.reload} /> : null}
      {!entries.data && !entries.error ? <Loading /> : null}
      {entries.data && entries.data.data.length === 0 ? <EmptyState title="No entries yet">Add your prices, services and policies, or import them from your website or a price sheet.</EmptyState> : null}
      {entries.data && entries.data.data.length > 0 ? (
        <ul className="knowledge-list">
          {entries.data.data.map((k) => (
            <EntryItem key={k.id} entry={k} reload={entries.reload} onError={setError} />
          ))}
        </ul>
      ) : null}
    </Section>
  );
}
