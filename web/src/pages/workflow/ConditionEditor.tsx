/**
 * A step's optional "only if" condition: business hours, first-time caller, a tag the contact has
 * or lacks. Empty parts are dropped, and no part left means no condition.
 */
import { Badge } from '../../components/Badge';
import { SelectField, TextField } from '../../components/Field';
import type { WorkflowCondition } from '../../types';

export function ConditionEditor({ condition, onChange, prefix, error }: { condition: WorkflowCondition | undefined; onChange: (c: WorkflowCondition | undefined) => void; prefix: string; error: unknown }) {
  const c = condition ?? {};
  const set = (patch: Partial<WorkflowCondition>) => {
    const next: WorkflowCondition = { ...c, ...patch };
    for (const k of Object.keys(next) as Array<keyof WorkflowCondition>) if (next[k] === undefined || next[k] === '') delete next[k];
    onChange(Object.keys(next).length ? next : undefined);
  };
  return (
    <details className="condition" open={!!condition}>
      <summary>Only if… {condition ? <Badge tone="info">condition set</Badge> : <span className="muted small">(optional)</span>}</summary>
      <div className="form-grid">
        <SelectField label="Business hours" name={`${prefix}.if.businessHours`} value={c.businessHours ?? ''} onChange={(e) => set({ businessHours: (e.target.value || undefined) as WorkflowCondition['businessHours'] })} error={error}>
          <option value="">Any time</option>
          <option value="open">Only while open</option>
          <option value="closed">Only while closed</option>
        </SelectField>
        <SelectField
          label="First-time caller"
          name={`${prefix}.if.firstTimeCaller`}
          value={c.firstTimeCaller === undefined ? '' : String(c.firstTimeCaller)}
          onChange={(e) => set({ firstTimeCaller: e.target.value === '' ? undefined : e.target.value === 'true' })}
          error={error}
        >
          <option value="">Anyone</option>
          <option value="true">Only first-time callers</option>
          <option value="false">Only repeat callers</option>
        </SelectField>
        <TextField label="Contact has tag" name={`${prefix}.if.hasTag`} value={c.hasTag ?? ''} onChange={(e) => set({ hasTag: e.target.value || undefined })} error={error} />
        <TextField label="Contact lacks tag" name={`${prefix}.if.lacksTag`} value={c.lacksTag ?? ''} onChange={(e) => set({ lacksTag: e.target.value || undefined })} error={error} />
      </div>
    </details>
  );
}
