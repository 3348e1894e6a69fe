/**
 * Settings: the business (name, time zone, hours or none set, closed dates) and the texting rules
 * (staff numbers, own numbers never texted, quiet hours, opt-out footer, the loop guard's limit),
 * saved together as the workspace.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { Loading, ErrorNotice, SaveStatus, type SaveState } from '../../components/Feedback';
import { NumberField, SelectField, TextArea, TextField, Toggle, useFocusInvalid } from '../../components/Field';
import { starterHours, WeeklyHoursEditor } from '../../components/HoursEditor';
import { Section } from '../../components/Layout';
import { useResource } from '../../hooks';
import { useSession } from '../../session';
import { timeZones } from '../../time-zones';
import type { Workspace } from '../../types';

interface BusinessForm {
  name: string;
  businessName: string;
  timezone: string;
  businessHours: Workspace['businessHours'];
  closedDates: string;
  staffNumbers: string;
  ownNumbers: string;
  quietHours: Workspace['quietHours'];
  optOutFooter: Workspace['optOutFooter'];
  automatedRepliesPerHour: number;
}

function toForm(w: Workspace): BusinessForm {
  return {
    name: w.name,
    businessName: w.businessName,
    timezone: w.timezone,
    businessHours: w.businessHours ? structuredClone(w.businessHours) : null,
    closedDates: (w.closedDates ?? []).join('\n'),
    staffNumbers: w.staffNumbers.join('\n'),
    ownNumbers: (w.ownNumbers ?? []).join('\n'),
    quietHours: { ...w.quietHours },
    optOutFooter: { ...w.optOutFooter },
    automatedRepliesPerHour: w.automatedRepliesPerHour ?? 5,
  };
}

function toBody(f: BusinessForm) {
  return {
    name: f.name.trim(),
    businessName: f.businessName.trim(),
    timezone: f.timezone,
    businessHours: f.businessHours,
    closedDates: splitList(f.closedDates),
    staffNumbers: splitList(f.staffNumbers),
    ownNumbers: splitList(f.ownNumbers),
    quietHours: f.quietHours,
    optOutFooter: f.optOutFooter,
    automatedRepliesPerHour: f.automatedRepliesPerHour,
  };
}

function splitList(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function BusinessSettings() {
  const { refresh } = useSession();
  const workspace = useResource((signal) => api.get<Workspace>('/api/v1/workspace', { signal }), []);
  const [form, setForm] = useState<BusinessForm | null>(null);
  const [saved, setSaved] = useState<BusinessForm | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const formRef = useRef<HTMLFormElement>(null);
  const error = save.kind === 'error' ? save.error : null;
  useFocusInvalid(error, formRef);
  const zones = useMemo(() => timeZones(workspace.data?.timezone), [workspace.data?.timezone]);

  useEffect(() => {
    if (workspace.data) {
      const f = toForm(workspace.data);
      setForm(f);
      setSaved(f);
    }
  }, [workspace.data]);

  if (workspace.error) return <ErrorNotice error={workspace.error} onRetry={workspace.reload} />;
  if (!form) return <Loading />;
  const dirty = !!saved && JSON.stringify(toBody(form)) !== JSON.stringify(toBody(saved));
  const update = (patch: Partial<BusinessForm>) => {
    setForm((f) => (f ? { ...f, ...patch } : f));
    if (save.kind !== 'saving') setSave({ kind: 'idle' });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSave({ kind: 'saving' });
    try {
      const updated = await api.patch<Workspace>('/api/v1/workspace', toBody(form));
      workspace.setData(updated);
      setSave({ kind: 'saved', at: new Date() });
      void refresh();
    } catch (err) {
      setSave({ kind: 'error', error: err });
    }
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="stack-lg">
      <Section title="Business profile">
        <div className="form-grid">
          <TextField label="Business name" name="businessName" value={form.businessName} onChange={(e) => update({ businessName: e.target.value })} error={error} help="As customers know you; used in texts as {{business.name}}." />
          <TextField label="Workspace name" name="name" value={form.name} onChange={(e) => update({ name: e.target.value })} error={error} help="For your team, e.g. a location." />
          <SelectField label="Time zone" name="timezone" value={form.timezone} onChange={(e) => update({ timezone: e.target.value })} error={error}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </SelectField>
        </div>
        {form.businessHours ? (
          <WeeklyHoursEditor
            hours={form.businessHours}
            onChange={(businessHours) => update({ businessHours })}
            error={error}
            fieldName="businessHours"
            legend="Business hours"
            help="In your time zone. The AI agent quotes them, numbers can send after-hours calls to voicemail, and workflows can check whether you're open."
            actions={
              <button type="button" className="button button-small button-quiet" onClick={() => update({ businessHours: null })}>
                Clear hours (not set)
              </button>
            }
          />
        ) : (
          <fieldset className="hours" aria-label="Business hours">
            <legend>Business hours</legend>
            <p className="field-help">
              Not set. Until you set them, nobody (the AI agent included) tells customers your hours, and no call counts as after hours except on closed dates.
            </p>
            <button type="button" className="button" onClick={() => update({ businessHours: starterHours() })}>
              Set business hours
            </button>
          </fieldset>
        )}
        <TextArea
          label="Closed dates"
          name="closedDates"
          rows={2}
          value={form.closedDates}
          onChange={(e) => update({ closedDates: e.target.value })}
          placeholder="2026-12-25"
          help="Holidays, one per line as YYYY-MM-DD, in your time zone. The whole day counts as outside hours."
          error={error}
        />
      </Section>
      <Section title="Texting rules">
        <TextArea
          label="Staff numbers"
          name="staffNumbers"
          rows={2}
          value={form.staffNumbers}
          onChange={(e) => update({ staffNumbers: e.target.value })}
          placeholder="+15550109999"
          help="One per line. They get a text when the AI agent hands a conversation over, and from workflows' “text your team” steps."
          error={error}
        />
        <TextArea
          label="Your own numbers (never texted)"
          name="ownNumbers"
          rows={2}
          value={form.ownNumbers}
          onChange={(e) => update({ ownNumbers: e.target.value })}
          placeholder="+15550107000"
          help="Your business lines and staff phones, one per line. A call from one of them never gets a text back, e.g. when your phone system shows its main line as the caller."
          error={error}
        />
        <Toggle
          name="quietHours.enabled"
          label="Quiet hours: hold automated texts at night"
          checked={form.quietHours.enabled}
          onChange={(enabled) => update({ quietHours: { ...form.quietHours, enabled } })}
          help="Judged in the contact's own time zone (from their area code). Some states limit texting hours."
          error={error}
        />
        {form.quietHours.enabled ? (
          <div className="form-grid form-grid-tight">
            <TextField label="Quiet from" name="quietHours.start" type="time" value={form.quietHours.start} onChange={(e) => update({ quietHours: { ...form.quietHours, start: e.target.value } })} error={error} />
            <TextField label="Until" name="quietHours.end" type="time" value={form.quietHours.end} onChange={(e) => update({ quietHours: { ...form.quietHours, end: e.target.value } })} error={error} />
          </div>
        ) : null}
        <Toggle
          name="optOutFooter.enabled"
          label="Add an opt-out line to automated texts"
          checked={form.optOutFooter.enabled}
          onChange={(enabled) => update({ optOutFooter: { ...form.optOutFooter, enabled } })}
          help="STOP always works, whether or not you say so."
          error={error}
        />
        {form.optOutFooter.enabled ? (
          <TextField label="Opt-out line" name="optOutFooter.text" value={form.optOutFooter.text} onChange={(e) => update({ optOutFooter: { ...form.optOutFooter, text: e.target.value } })} error={error} />
        ) : null}
        <NumberField
          label="Automated texts per contact per hour, at most"
          name="automatedRepliesPerHour"
          min={1}
          max={100}
          value={form.automatedRepliesPerHour}
          onChange={(automatedRepliesPerHour) => update({ automatedRepliesPerHour })}
          help="Stops endless loops with another business's auto-responder."
          error={error}
        />
      </Section>
      <div className="save-bar">
        <div className="save-bar-row">
          <button type="submit" className="button button-primary" disabled={save.kind === 'saving'}>
            {save.kind === 'saving' ? 'Saving…' : 'Save business settings'}
          </button>
          <SaveStatus state={save} dirty={dirty} />
        </div>
      </div>
    </form>
  );
}
