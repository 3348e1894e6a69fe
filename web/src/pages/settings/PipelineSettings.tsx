/**
 * Settings: the workspace's pipeline stages, in order.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { ErrorNotice, Loading, SaveStatus, type SaveState } from '../../components/Feedback';
import { TextArea } from '../../components/Field';
import { Section } from '../../components/Layout';
import { useResource } from '../../hooks';
import type { Pipeline } from '../../types';

export function PipelineSettings() {
  const pipeline = useResource((signal) => api.get<Pipeline>('/api/v1/pipeline', { signal }), []);
  const [text, setText] = useState<string | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const error = save.kind === 'error' ? save.error : null;
  useEffect(() => {
    if (pipeline.data) setText(pipeline.data.stages.join('\n'));
  }, [pipeline.data]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSave({ kind: 'saving' });
    try {
      const stages = (text ?? '')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
      pipeline.setData(await api.put<Pipeline>('/api/v1/pipeline', { stages }));
      setSave({ kind: 'saved', at: new Date() });
    } catch (err) {
      setSave({ kind: 'error', error: err });
    }
  };

  return (
    <Section title="Pipeline stages" description="The steps a lead moves through, in order. Workflows can move contacts and start when they move.">
      {pipeline.error ? <ErrorNotice error={pipeline.error} onRetry={pipeline.reload} /> : null}
      {text === null ? (
        pipeline.error ? null : <Loading />
      ) : (
        <form onSubmit={submit} noValidate className="stack">
          <TextArea label="Stages, one per line" name="stages" rows={5} value={text} onChange={(e) => setText(e.target.value)} placeholder={'New lead\nQuoted\nBooked\nWon'} error={error} />
          {pipeline.data?.contactCounts && pipeline.data.stages.length ? (
            <p className="muted small">{pipeline.data.stages.map((s) => `${s}: ${pipeline.data?.contactCounts?.[s] ?? 0}`).join(' · ')}</p>
          ) : null}
          <div className="save-bar-row">
            <button type="submit" className="button" disabled={save.kind === 'saving'}>
              Save stages
            </button>
            <SaveStatus state={save} />
          </div>
        </form>
      )}
    </Section>
  );
}
