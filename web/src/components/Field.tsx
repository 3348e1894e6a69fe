/**
 * Form controls with their labels, help text and the server's error for that field. Every input has
 * a visible <label>; an input the server named in `error.field` is marked aria-invalid and shows the
 * message right under it, tied with aria-describedby so a screen reader reads it too.
 */
import { useEffect, useId, useRef, useState, type RefObject, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { ApiError } from '../api';

interface FieldShellProps {
  label: ReactNode;
  /** The API field path this control edits, e.g. "missedCallTextBack.message". */
  name: string;
  help?: ReactNode;
  error?: unknown;
  /** Extra content after the control (counters, previews). */
  after?: ReactNode;
  className?: string;
}

export function fieldError(error: unknown, name: string): string | null {
  return error instanceof ApiError && error.concerns(name) ? error.message : null;
}

function useFieldIds(name: string) {
  const id = useId();
  return { id: `${id}-${name.replace(/[^\w-]/g, '_')}`, helpId: `${id}-help`, errorId: `${id}-error` };
}

function describedBy(help: boolean, helpId: string, error: boolean, errorId: string): string | undefined {
  const ids = [help ? helpId : null, error ? errorId : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Shell({ label, help, after, className, id, helpId, errorId, message, children, labelId }: FieldShellProps & {
  id: string;
  helpId: string;
  errorId: string;
  message: string | null;
  children: ReactNode;
  /** Set when a second control (a unit select) names itself by this label too. */
  labelId?: string;
}) {
  return (
    <div className={`field${message ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} id={labelId}>
        {label}
      </label>
      {children}
      {help ? (
        <p className="field-help" id={helpId}>
          {help}
        </p>
      ) : null}
      {message ? (
        <p className="field-error" id={errorId}>
          {message}
        </p>
      ) : null}
      {after}
    </div>
  );
}

type TextFieldProps = FieldShellProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>;

export function TextField({ label, name, help, error, after, className, ...input }: TextFieldProps) {
  const ids = useFieldIds(name);
  const message = fieldError(error, name);
  return (
    <Shell {...{ label, name, help, after, className, message }} {...ids}>
      <input
        id={ids.id}
        name={name}
        type="text"
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(!!help, ids.helpId, !!message, ids.errorId)}
        {...input}
      />
    </Shell>
  );
}

type TextAreaProps = FieldShellProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>;

export function TextArea({ label, name, help, error, after, className, ...input }: TextAreaProps) {
  const ids = useFieldIds(name);
  const message = fieldError(error, name);
  return (
    <Shell {...{ label, name, help, after, className, message }} {...ids}>
      <textarea
        id={ids.id}
        name={name}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(!!help, ids.helpId, !!message, ids.errorId)}
        {...input}
      />
    </Shell>
  );
}

type SelectFieldProps = FieldShellProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'> & { children: ReactNode };

export function SelectField({ label, name, help, error, after, className, children, ...select }: SelectFieldProps) {
  const ids = useFieldIds(name);
  const message = fieldError(error, name);
  return (
    <Shell {...{ label, name, help, after, className, message }} {...ids}>
      <select
        id={ids.id}
        name={name}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(!!help, ids.helpId, !!message, ids.errorId)}
        {...select}
      >
        {children}
      </select>
    </Shell>
  );
}

interface NumberFieldProps extends FieldShellProps {
  value: number;
  onChange: (value: number) => void;
  min?: number;
  max?: number;
  step?: number;
  suffix?: string;
  disabled?: boolean;
}

/** A whole-number input; keeps what is typed, reports a number (empty counts as the minimum). */
export function NumberField({ label, name, help, error, after, className, value, onChange, min, max, step, suffix, disabled }: NumberFieldProps) {
  const ids = useFieldIds(name);
  const message = fieldError(error, name);
  return (
    <Shell {...{ label, name, help, after, className, message }} {...ids}>
      <div className="input-with-suffix">
        <input
          id={ids.id}
          name={name}
          type="number"
          inputMode="numeric"
          value={Number.isFinite(value) ? value : ''}
          min={min}
          max={max}
          step={step ?? 1}
          disabled={disabled}
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy(!!help, ids.helpId, !!message, ids.errorId)}
          onChange={(e) => onChange(e.target.value === '' ? (min ?? 0) : Math.trunc(Number(e.target.value)))}
        />
        {suffix ? <span className="suffix" aria-hidden="true">{suffix}</span> : null}
      </div>
    </Shell>
  );
}

interface ToggleProps {
  label: ReactNode;
  name: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  help?: ReactNode;
  disabled?: boolean;
  error?: unknown;
}

/** An on/off switch: a real checkbox with role="switch", so it is keyboard and screen-reader native. */
export function Toggle({ label, name, checked, onChange, help, disabled, error }: ToggleProps) {
  const ids = useFieldIds(name);
  const message = fieldError(error, name);
  return (
    <div className={`toggle-field${message ? ' field-invalid' : ''}`}>
      <label className="toggle" htmlFor={ids.id}>
        <input
          id={ids.id}
          name={name}
          type="checkbox"
          role="switch"
          checked={checked}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={describedBy(!!help, ids.helpId, !!message, ids.errorId)}
        />
        <span className="toggle-track" aria-hidden="true">
          <span className="toggle-thumb" />
        </span>
        <span className="toggle-label">{label}</span>
      </label>
      {help ? (
        <p className="field-help" id={ids.helpId}>
          {help}
        </p>
      ) : null}
      {message ? (
        <p className="field-error" id={ids.errorId}>
          {message}
        </p>
      ) : null}
    </div>
  );
}

interface CheckboxProps {
  label: ReactNode;
  name: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  help?: ReactNode;
}

export function Checkbox({ label, name, checked, onChange, disabled, help }: CheckboxProps) {
  const ids = useFieldIds(name);
  return (
    <div className="checkbox-field">
      <label htmlFor={ids.id}>
        <input
          id={ids.id}
          name={name}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={help ? ids.helpId : undefined}
        />
        <span>{label}</span>
      </label>
      {help ? (
        <p className="field-help" id={ids.helpId}>
          {help}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Moves focus to the input the server named in a failed request, so the person lands where the
 * fix is. Runs once per error.
 */
export function useFocusInvalid(error: unknown, formRef?: RefObject<HTMLElement | null>): void {
  const last = useRef<unknown>(null);
  useEffect(() => {
    if (!error || error === last.current) return;
    last.current = error;
    if (error instanceof ApiError && error.field) {
      const scope: ParentNode = formRef?.current ?? document;
      const inputs = Array.from(scope.querySelectorAll<HTMLElement>('[name]'));
      const target = inputs.find((el) => error.concerns(el.getAttribute('name') ?? '\u0000'));
      target?.focus();
    }
  }, [error, formRef]);
}

/** The form-level message for a failed request (role="alert", so it is announced). */
export function FormError({ error, formRef }: { error: unknown; formRef?: RefObject<HTMLElement | null> }) {
  useFocusInvalid(error, formRef);
  if (!error) return null;
  // Said once: an error about a field on this form shows next to that field, not again up here.
  if (error instanceof ApiError && error.field && formRef?.current) {
    const names = Array.from(formRef.current.querySelectorAll<HTMLElement>('[name]')).map((el) => el.getAttribute('name') ?? '');
    if (names.some((n) => error.concerns(n))) return null;
  }
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <div className="notice notice-error" role="alert">
      {message}
    </div>
  );
}

const DURATION_UNITS = [
  { unit: 'minutes', minutes: 1 },
  { unit: 'hours', minutes: 60 },
  { unit: 'days', minutes: 1440 },
] as const;
type DurationUnit = (typeof DURATION_UNITS)[number]['unit'];

/** The largest unit that states `minutes` exactly (1440 → days, 90 → minutes). */
export function durationUnitFor(minutes: number): DurationUnit {
  if (minutes > 0 && minutes % 1440 === 0) return 'days';
  if (minutes > 0 && minutes % 60 === 0) return 'hours';
  return 'minutes';
}

interface DurationFieldProps extends FieldShellProps {
  /** Whole minutes, as stored. */
  minutes: number;
  onChange: (minutes: number) => void;
  disabled?: boolean;
}

/**
 * A length of time typed in the unit people think in (2 days, 12 hours) and reported in minutes, as
 * the API stores it. The unit select is named by the field's own label ("… (unit)").
 */
export function DurationField({ label, name, help, error, after, className, minutes, onChange, disabled }: DurationFieldProps) {
  const ids = useFieldIds(name);
  const message = fieldError(error, name);
  const [unit, setUnit] = useState<DurationUnit>(() => durationUnitFor(minutes));
  const factor = DURATION_UNITS.find((u) => u.unit === unit)!.minutes;
  const [amount, setAmount] = useState(() => String(minutes / factor));
  // A value changed from outside (a reload, a reset) shows in its own best unit.
  const shown = Number(amount) * factor;
  useEffect(() => {
    if (minutes === shown || (amount === '' && minutes === 0)) return;
    const u = durationUnitFor(minutes);
    setUnit(u);
    setAmount(String(minutes / DURATION_UNITS.find((x) => x.unit === u)!.minutes));
  }, [minutes]);
  const labelId = `${ids.id}-label`;
  const unitId = `${ids.id}-unit`;
  return (
    <Shell {...{ label, name, help, after, className, message, labelId }} {...ids}>
      <div className="input-with-suffix">
        <input
          id={ids.id}
          name={name}
          type="number"
          inputMode="decimal"
          value={amount}
          min={0}
          step="any"
          disabled={disabled}
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy(!!help, ids.helpId, !!message, ids.errorId)}
          onChange={(e) => {
            setAmount(e.target.value);
            onChange(e.target.value === '' ? 0 : Math.round(Number(e.target.value) * factor));
          }}
        />
        <span id={unitId} className="visually-hidden">
          (unit)
        </span>
        <select
          name={`${name}Unit`}
          aria-labelledby={`${labelId} ${unitId}`}
          value={unit}
          disabled={disabled}
          onChange={(e) => {
            const next = e.target.value as DurationUnit;
            setUnit(next);
            onChange(Math.round(Number(amount || 0) * DURATION_UNITS.find((u) => u.unit === next)!.minutes));
          }}
        >
          {DURATION_UNITS.map((u) => (
            <option key={u.unit} value={u.unit}>
              {Number(amount) === 1 ? u.unit.slice(0, -1) : u.unit}
            </option>
          ))}
        </select>
      </div>
    </Shell>
  );
}
