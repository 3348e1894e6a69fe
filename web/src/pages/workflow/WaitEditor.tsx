/**
 * A wait step's length as an amount and a unit (minutes, hours, days), stored as seconds.
 */
import { SelectField, TextField } from '../../components/Field';

const WAIT_UNITS = [
  { value: 60, label: 'minutes' },
  { value: 3600, label: 'hours' },
  { value: 86400, label: 'days' },
];

export function WaitEditor({ seconds, onChange, name, error }: { seconds: number; onChange: (s: number) => void; name: string; error: unknown }) {
  const unit = [...WAIT_UNITS].reverse().find((u) => seconds % u.value === 0) ?? WAIT_UNITS[0]!;
  const amount = Math.max(1, Math.round(seconds / unit.value));
  return (
    <div className="form-grid form-grid-tight">
      <TextField label="Wait for" name={name} type="number" min={1} value={String(amount)} onChange={(e) => onChange(Math.max(1, Math.trunc(Number(e.target.value) || 1)) * unit.value)} error={error} />
      <SelectField label="Unit" name={`${name}-unit`} value={String(unit.value)} onChange={(e) => onChange(amount * Number(e.target.value))}>
        {WAIT_UNITS.map((u) => (
          <option key={u.value} value={u.value}>
            {u.label}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
