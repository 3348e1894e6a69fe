/**
 * A week of opening hours, day by day (closed, or one or more periods), as the workspace's
 * businessHours and a number's own hours share one shape. Errors are shown on the day they name.
 */
import type { ReactNode } from 'react';
import { ApiError } from '../api';
import type { DayKey, WeeklyHours } from '../types';

export const DAYS: Array<{ key: DayKey; label: string }> = [
  { key: 'mon', label: 'Monday' },
  { key: 'tue', label: 'Tuesday' },
  { key: 'wed', label: 'Wednesday' },
  { key: 'thu', label: 'Thursday' },
  { key: 'fri', label: 'Friday' },
  { key: 'sat', label: 'Saturday' },
  { key: 'sun', label: 'Sunday' },
];

/** What "Set hours" starts from: weekdays 8 to 5. */
export function starterHours(): WeeklyHours {
  const day = (): Array<[string, string]> => [['08:00', '17:00']];
  return { mon: day(), tue: day(), wed: day(), thu: day(), fri: day(), sat: [], sun: [] };
}

export function WeeklyHoursEditor({
  hours,
  onChange,
  error,
  fieldName,
  legend,
  help,
  actions,
}: {
  hours: WeeklyHours;
  onChange: (h: WeeklyHours) => void;
  error: unknown;
  /** The API field the hours are sent as (`businessHours` or `hours`): errors are matched on it. */
  fieldName: string;
  legend: string;
  help: string;
  actions?: ReactNode;
}) {
  const setDay = (day: DayKey, ranges: Array<[string, string]>) => onChange({ ...hours, [day]: ranges });
  const dayError = (day: DayKey) => (error instanceof ApiError && error.concerns(`${fieldName}.${day}`) ? error.message : null);
  return (
    <fieldset className="hours">
      <legend>{legend}</legend>
      <p className="field-help">{help}</p>
      {error instanceof ApiError && error.field === fieldName ? <p className="field-error">{error.message}</p> : null}
      <div className="hours-grid">
        {DAYS.map(({ key, label }) => {
          const ranges = hours[key] ?? [];
          const open = ranges.length > 0;
          const message = dayError(key);
          return (
            <div key={key} className={`hours-row${message ? ' field-invalid' : ''}`} role="group" aria-label={label}>
              <label className="hours-day">
                <input type="checkbox" name={`${fieldName}.${key}`} checked={open} onChange={(e) => setDay(key, e.target.checked ? [['08:00', '17:00']] : [])} />
                <span>{label}</span>
              </label>
              <div className="hours-ranges">
                {open ? (
                  ranges.map((r, i) => (
                    <div key={i} className="hours-range">
                      <label className="visually-hidden" htmlFor={`${fieldName}-${key}-${i}-start`}>
                        {label} opens at{ranges.length > 1 ? ` (period ${i + 1})` : ''}
                      </label>
                      <input
                        id={`${fieldName}-${key}-${i}-start`}
                        type="time"
                        value={r[0]}
                        onChange={(e) => setDay(key, ranges.map((x, j) => (j === i ? [e.target.value, x[1]] : x)))}
                      />
                      <span aria-hidden="true">–</span>
                      <label className="visually-hidden" htmlFor={`${fieldName}-${key}-${i}-end`}>
                        {label} closes at{ranges.length > 1 ? ` (period ${i + 1})` : ''}
                      </label>
                      <input
                        id={`${fieldName}-${key}-${i}-end`}
                        type="time"
                        value={r[1] === '24:00' ? '23:59' : r[1]}
                        onChange={(e) => setDay(key, ranges.map((x, j) => (j === i ? [x[0], e.target.value === '23:59' ? '24:00' : e.target.value] : x)))}
                      />
                      {ranges.length > 1 ? (
                        <button type="button" className="button button-small button-quiet" onClick={() => setDay(key, ranges.filter((_, j) => j !== i))} aria-label={`Remove ${label} period ${i + 1}`}>
                          Remove
                        </button>
                      ) : null}
                    </div>
                  ))
                ) : (
                  <span className="muted">Closed</span>
                )}
                {open && ranges.length < 4 ? (
                  <button type="button" className="button button-small button-quiet" onClick={() => setDay(key, [...ranges, ['13:00', '17:00']])} aria-label={`Add a period on ${label}`}>
                    + Split
                  </button>
                ) : null}
              </div>
              {message ? <p className="field-error">{message}</p> : null}
            </div>
          );
        })}
      </div>
      {actions ? <div className="hours-actions">{actions}</div> : null}
    </fieldset>
  );
}
