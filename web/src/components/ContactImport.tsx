/**
 * Import contacts from a CSV file: pick the file, see every row as it will be imported (new,
 * update, or its problem in words with the line number), then import — all rows, or only the good
 * ones when some are bad.
 */
import { useRef, useState } from 'react';
import { api } from '../api';
import { Notice } from './Feedback';
import { FormError } from './Field';

interface ImportRow {
  line: number;
  phone: string | null;
  name: string | null;
  tags: string[];
  stage: string | null;
  action: 'create' | 'update' | 'error';
  error: string | null;
}

interface ImportResult {
  rows: ImportRow[];
  created: number;
  updated: number;
  errors: number;
  applied: boolean;
}

export function ContactImport({ onImported }: { onImported: () => void }) {
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const run = async (text: string, apply: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.post<ImportResult>('/api/v1/contacts/import', { csv: text, dryRun: !apply, skipInvalid: apply });
      if (apply) {
        setDone(result);
        setPreview(null);
        setCsv(null);
        onImported();
      } else setPreview(result);
    } catch (err) {
      setError(err);
      setPreview(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} className="stack" onSubmit={(e) => e.preventDefault()} noValidate>
      <div className="field">
        <label htmlFor="contact-csv">CSV file</label>
        <input
          id="contact-csv"
          name="csv"
          type="file"
          accept=".csv,text/csv"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            setDone(null);
            if (!file) return;
            const text = await file.text();
            setCsv(text);
            setFileName(file.name);
            await run(text, false);
          }}
        />
        <p className="field-help">A header row with a “phone” column; “name”, “tags” (separated by ;) and “stage” are optional. Existing phones are updated, not duplicated.</p>
      </div>
      <FormError error={error} />
      {done ? (
        <Notice kind="success" title="Imported.">
          {done.created} new, {done.updated} updated{done.errors ? `, ${done.errors} rows left out` : ''}.
        </Notice>
      ) : null}
      {preview ? (
        <>
          <p>
            <strong>{fileName}</strong>: {preview.created} new, {preview.updated} to update
            {preview.errors ? (
              <>
                , <strong className="text-bad">{preview.errors} with a problem</strong> (left out)
              </>
            ) : null}
            .
          </p>
          <div className="table-wrap">
            <table className="responsive-table import-preview">
              <caption className="visually-hidden">Rows of the file</caption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Phone</th>
                  <th scope="col">Name</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.line} className={r.error ? 'row-error' : undefined}>
                    <th scope="row">{r.line}</th>
                    <td data-label="Phone">{r.phone ?? '—'}</td>
                    <td data-label="Name">{r.name ?? ''}</td>
                    <td data-label="Result">{r.error ? <span className="text-bad">{r.error}</span> : r.action === 'update' ? 'Update' : 'New'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="form-actions">
            <button type="button" className="button button-primary" disabled={busy || preview.created + preview.updated === 0 || !csv} onClick={() => csv && void run(csv, true)}>
              {preview.errors ? `Import the ${preview.created + preview.updated} good rows` : `Import ${preview.created + preview.updated} contacts`}
            </button>
          </div>
        </>
      ) : null}
    </form>
  );
}
