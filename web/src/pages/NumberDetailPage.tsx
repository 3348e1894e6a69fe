/**
 * One phone number: "Voicemail & Missed Call Text Back" (the toggle, the message with its live
 * preview, segment count and hints, delay and cooldown, the voicemail greeting), call handling
 * (mode: ring your phones or receive your own line's forwarded calls; forwarding, ring timeout,
 * screening), hours and after hours, the Twilio webhook URLs to copy, and Save.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { CopyField } from '../components/CopyButton';
import { PausedBanner, ReadinessSection } from '../components/NumberReadiness';
import { ErrorNotice, Loading, Notice, SaveStatus, type SaveState } from '../components/Feedback';
import { Checkbox, DurationField, NumberField, SelectField, TextArea, TextField, Toggle, useFocusInvalid } from '../components/Field';
import { starterHours, WeeklyHoursEditor } from '../components/HoursEditor';
import { PageHeader, Section } from '../components/Layout';
import { TemplateEditor, type TemplateHints } from '../components/TemplateEditor';
import { formatMinutes, formatPhone } from '../format';
import { useResource, useTitle } from '../hooks';
import { Link, navigate } from '../router';
import { useWorkspace } from '../session';
import type { PhoneNumber, Workspace } from '../types';
import { NotFoundPage } from './NotFoundPage';
import { carrierLabel } from './NumbersPage';

interface Form {
  name: string;
  mode: PhoneNumber['mode'];
  hours: PhoneNumber['hours'];
  afterHours: PhoneNumber['afterHours'];
  forwardTo: string;
  ringTimeoutSeconds: number;
  screening: PhoneNumber['screening'];
  voicemail: PhoneNumber['voicemail'];
  missedCallTextBack: PhoneNumber['missedCallTextBack'];
}

const TEXTBACK_HINTS: TemplateHints = { businessName: true, inviteReply: true, maxSegments: 2 };

function toForm(n: PhoneNumber): Form {
  return {
    name: n.name,
    mode: n.mode ?? 'ring',
    hours: n.hours ? structuredClone(n.hours) : null,
    afterHours: { ...(n.afterHours ?? { ring: true, message: null }) },
    forwardTo: n.forwardTo.join('\n'),
    ringTimeoutSeconds: n.ringTimeoutSeconds,
    screening: n.screening,
    voicemail: { ...n.voicemail },
    missedCallTextBack: { ...n.missedCallTextBack },
  };
}

function parseTargets(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function toBody(f: Form) {
  return {
    name: f.name.trim(),
    mode: f.mode,
    hours: f.hours,
    afterHours: f.afterHours,
    forwardTo: parseTargets(f.forwardTo),
    ringTimeoutSeconds: f.ringTimeoutSeconds,
    screening: f.screening,
    voicemail: f.voicemail,
    missedCallTextBack: f.missedCallTextBack,
  };
}

export function NumberDetailPage({ id }: { id: string }) {
  const { base } = useWorkspace();
  const number = useResource((signal) => api.get<PhoneNumber>(`/api/v1/phone-numbers/${encodeURIComponent(id)}`, { signal }), [id]);
  const workspace = useResource((signal) => api.get<Workspace>('/api/v1/workspace', { signal }), []);
  const [form, setForm] = useState<Form | null>(null);
  const [saved, setSaved] = useState<Form | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const formRef = useRef<HTMLFormElement>(null);
  useTitle(number.data ? number.data.name || formatPhone(number.data.number) : 'Phone number');

  useEffect(() => {
    if (number.data) {
      const f = toForm(number.data);
      setForm(f);
      setSaved(f);
    }
  }, [number.data]);

  useFocusInvalid(save.kind === 'error' ? save.error : null, formRef);
  const dirty = useMemo(() => !!form && !!saved && JSON.stringify(toBody(form)) !== JSON.stringify(toBody(saved)), [form, saved]);

  if (number.error instanceof ApiError && number.error.isNotFound) return <NotFoundPage what="phone number" />;
  if (number.error) return <ErrorNotice error={number.error} onRetry={number.reload} />;
  if (!number.data || !form) return <Loading />;
  const n = number.data;
  const ws = workspace.data;
  const update = (patch: Partial<Form>) => {
    setForm((f) => (f ? { ...f, ...patch } : f));
    if (save.kind !== 'saving') setSave({ kind: 'idle' });
  };
  const mctb = form.missedCallTextBack;
  const vm = form.voicemail;
  const ah = form.afterHours;
  const forwarded = form.mode === 'forwarded';
  const noHoursAnywhere = form.hours === null && ws !== undefined && ws.businessHours === null;
  const saveError = save.kind === 'error' ? save.error : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSave({ kind: 'saving' });
    try {
      const updated = await api.patch<PhoneNumber>(`/api/v1/phone-numbers/${encodeURIComponent(id)}`, toBody(form));
      number.setData(updated);
      setSave({ kind: 'saved', at: new Date() });
    } catch (err) {
      setSave({ kind: 'error', error: err });
    }
  };

  const remove = async () => {
    if (!window.confirm(`Remove ${formatPhone(n.number)} from Textback? Its calls and conversations stay; new calls to it are no longer handled.`)) return;
    try {
      await api.del(`/api/v1/phone-numbers/${encodeURIComponent(id)}`);
      navigate(`${base}/numbers`);
    } catch (err) {
      setSave({ kind: 'error', error: err });
    }
  };

  return (
    <>
      <PageHeader
        back={{ to: `${base}/numbers`, label: 'Phone numbers' }}
        title={n.name || formatPhone(n.number)}
        description={`${formatPhone(n.number)} · ${carrierLabel(n.carrier)}`}
        actions={
          n.carrier === 'sandbox' ? (
            <Link to={`${base}/simulator?number=${encodeURIComponent(n.number)}`} className="button">
              Try it in the simulator
            </Link>
          ) : null
        }
      />
      <PausedBanner number={n} onChanged={number.reload} />
      <ReadinessSection number={n} onChanged={number.reload} />
      <form ref={formRef} onSubmit={submit} noValidate className="stack-lg">
        <Section
          title="Voicemail & Missed Call Text Back"
          description="When nobody picks up, the caller can leave a voicemail and gets a text from this number, so the call becomes a conversation."
        >
          <Toggle
            name="missedCallTextBack.enabled"
            label="Text callers back when a call is missed"
            checked={mctb.enabled}
            onChange={(enabled) => update({ missedCallTextBack: { ...mctb, enabled } })}
            help="Only unanswered calls get a text: if someone picks up, nothing is sent."
            error={saveError}
          />
          <TemplateEditor
            label="Text message"
            name="missedCallTextBack.message"
            value={mctb.message}
            onChange={(message) => update({ missedCallTextBack: { ...mctb, message } })}
            businessName={ws?.businessName ?? ''}
            numberName={form.name}
            footer={ws?.optOutFooter}
            hints={TEXTBACK_HINTS}
            help="Short, friendly, says who you are and invites a reply. Your AI agent or your team takes it from there."
            error={saveError}
            disabled={!mctb.enabled}
          />
          <div className="form-grid">
            <NumberField
              label="Wait before texting"
              name="missedCallTextBack.delaySeconds"
              suffix="seconds"
              min={0}
              max={3600}
              value={mctb.delaySeconds}
              onChange={(delaySeconds) => update({ missedCallTextBack: { ...mctb, delaySeconds } })}
              help="0 texts right away. If the caller texts you or you call back meanwhile, the text is skipped."
              error={saveError}
              disabled={!mctb.enabled}
            />
            <DurationField
              label="Text the same caller at most once every"
              name="missedCallTextBack.cooldownMinutes"
              minutes={mctb.cooldownMinutes}
              onChange={(cooldownMinutes) => update({ missedCallTextBack: { ...mctb, cooldownMinutes } })}
              help={mctb.cooldownMinutes > 0 ? `Someone who calls again within ${formatMinutes(mctb.cooldownMinutes)} gets no second text (at most 30 days).` : 'Every missed call gets a text, even repeated calls from one person.'}
              error={saveError}
              disabled={!mctb.enabled}
            />
          </div>
          <hr />
          <Toggle
            name="voicemail.enabled"
            label="Take voicemail"
            checked={vm.enabled}
            onChange={(enabled) => update({ voicemail: { ...vm, enabled } })}
            help="Callers can leave a message and still get the text: both options, their choice."
            error={saveError}
          />
          <TextArea
            label="Voicemail greeting"
            name="voicemail.greeting"
            rows={3}
            value={vm.greeting}
            disabled={!vm.enabled}
            onChange={(e) => update({ voicemail: { ...vm, greeting: e.target.value } })}
            help="Read aloud to the caller. {{business.name}} is replaced with your business name."
            error={saveError}
          />
          <Checkbox
            name="voicemail.transcribe"
            label="Transcribe voicemails into text"
            checked={vm.transcribe}
            disabled={!vm.enabled}
            onChange={(transcribe) => update({ voicemail: { ...vm, transcribe } })}
          />
        </Section>

        <Section title="Call handling" description="Where calls to this number ring, and for how long before they count as missed.">
          <SelectField
            label="How calls reach this number"
            name="mode"
            value={form.mode}
            onChange={(e) => update({ mode: e.target.value as PhoneNumber['mode'] })}
            error={saveError}
            help={
              forwarded
                ? 'Your own line (at your phone company or phone system) rings first and forwards the calls nobody answered here. Every call arriving counts as missed: the caller hears your greeting, can leave a voicemail, and gets a text from this number. Set the forwarding to “no answer” and “busy”, and to happen before your carrier’s voicemail picks up (see docs/forwarded-lines.md).'
                : 'Textback rings the phones below; a call nobody picks up counts as missed.'
            }
          >
            <option value="ring">Textback rings your phones</option>
            <option value="forwarded">Your own line forwards unanswered calls here</option>
          </SelectField>
          <div className="form-grid">
            <TextField label="Name of this number" name="name" value={form.name} onChange={(e) => update({ name: e.target.value })} error={saveError} placeholder="Sales line" />
            <NumberField
              label="Ring for"
              name="ringTimeoutSeconds"
              suffix="seconds"
              min={5}
              max={120}
              value={form.ringTimeoutSeconds}
              disabled={forwarded}
              onChange={(ringTimeoutSeconds) => update({ ringTimeoutSeconds })}
              help="Keep this below the time your cell phone's own voicemail answers (often 20–25 seconds), or that voicemail takes the call and it isn't counted as missed."
              error={saveError}
            />
          </div>
          <TextArea
            label="Forward calls to"
            name="forwardTo"
            rows={2}
            value={form.forwardTo}
            disabled={forwarded}
            onChange={(e) => update({ forwardTo: e.target.value })}
            placeholder="+15550109999"
            help={
              forwarded
                ? 'Not used while your own line forwards here: those phones already rang.'
                : 'One phone number (e.g. +15550109999) or SIP address per line; all of them ring at once. Leave empty to send every call straight to voicemail.'
            }
            error={saveError}
          />
          <SelectField
            label="Answer check (screening)"
            name="screening"
            value={form.screening}
            disabled={forwarded}
            onChange={(e) => update({ screening: e.target.value as PhoneNumber['screening'] })}
            error={saveError}
            help={
              form.screening === 'press-1'
                ? 'Whoever answers hears “press 1 to take this call”. A personal voicemail cannot press 1, so the call still counts as missed and the caller gets the text.'
                : 'Any pickup counts as answered, including a cell phone’s own voicemail. Choose “press 1” if your forwarded phones have voicemail.'
            }
          >
            <option value="none">No check: any pickup answers</option>
            <option value="press-1">Ask the person who answers to press 1</option>
          </SelectField>
        </Section>


        <Section title="Hours & after hours" description="When this number is open, and what happens to calls outside those hours and on your closed dates.">
          <SelectField
            label="Hours of this number"
            name="hoursSource"
            value={form.hours ? 'own' : 'workspace'}
            onChange={(e) => update({ hours: e.target.value === 'own' ? structuredClone(ws?.businessHours ?? starterHours()) : null })}
            error={null}
          >
            <option value="workspace">Use the workspace’s business hours</option>
            <option value="own">Own hours for this number</option>
          </SelectField>
          {form.hours ? (
            <WeeklyHoursEditor
              hours={form.hours}
              onChange={(hours) => update({ hours })}
              error={saveError}
              fieldName="hours"
              legend="This number’s hours"
              help="In your workspace’s time zone. Your closed dates (Settings) apply to this number too."
            />
          ) : null}
          {noHoursAnywhere ? (
            <Notice kind="info">Your business hours are not set, so no call to this number counts as after hours, except on your closed dates. Set them in Settings, or give this number its own.</Notice>
          ) : null}
          <SelectField
            label="Outside hours"
            name="afterHours.ring"
            value={ah.ring ? 'ring' : 'voicemail'}
            onChange={(e) => update({ afterHours: { ...ah, ring: e.target.value === 'ring' } })}
            error={saveError}
            help={
              ah.ring
                ? 'Calls ring your phones as usual at any hour.'
                : 'Nobody’s phone rings: callers go straight to your voicemail greeting, the call counts as missed, and they get a text.'
            }
          >
            <option value="ring">Ring the phones as usual</option>
            <option value="voicemail">Send callers straight to voicemail</option>
          </SelectField>
          <Toggle
            name="afterHours.enabled"
            label="Send a different text for calls outside hours"
            checked={ah.message !== null}
            onChange={(on) => update({ afterHours: { ...ah, message: on ? 'Thanks for calling {{business.name}}! We’re closed right now. Reply here and we’ll get back to you when we open.' : null } })}
            help="Replaces the text message above for calls that come in outside hours."
            error={saveError}
          />
          {ah.message !== null ? (
            <TemplateEditor
              label="After-hours text message"
              name="afterHours.message"
              value={ah.message}
              onChange={(message) => update({ afterHours: { ...ah, message } })}
              businessName={ws?.businessName ?? ''}
              numberName={form.name}
              footer={ws?.optOutFooter}
              hints={TEXTBACK_HINTS}
              help="Say you're closed and when you'll get back to them. Only state hours you have set."
              error={saveError}
            />
          ) : null}
        </Section>
        <Section
          title="Carrier webhooks"
          description={
            n.carrier === 'twilio'
              ? 'Numbers imported through “Connect Twilio” have these set automatically. For a number you added by hand, paste them into the number’s settings in the Twilio Console.'
              : 'Sandbox numbers are handled inside Textback and need no webhooks; these are shown for reference.'
          }
        >
          <CopyField id={`${id}-voice`} label="Voice URL (“A call comes in”, HTTP POST)" value={n.webhooks.voiceUrl} />
          <CopyField id={`${id}-status`} label="Call status changes URL (event: completed)" value={n.webhooks.voiceStatusUrl} />
          <CopyField id={`${id}-sms`} label="Messaging URL (“A message comes in”, HTTP POST)" value={n.webhooks.smsUrl} />
        </Section>

        <div className="save-bar">
          <div className="save-bar-row">
            <button type="submit" className="button button-primary" disabled={save.kind === 'saving'}>
              {save.kind === 'saving' ? 'Saving…' : 'Save changes'}
            </button>
            <SaveStatus state={save} dirty={dirty} />
          </div>
        </div>
      </form>
      <Section title="Remove this number">
        <p className="muted">Its calls and conversations stay in Textback. New calls to it are no longer answered here.</p>
        <button type="button" className="button button-danger" onClick={remove}>
          Remove number
        </button>
      </Section>
      {workspace.error ? <Notice kind="warning">The preview could not load your business name: {String((workspace.error as Error).message)}</Notice> : null}
    </>
  );
}
