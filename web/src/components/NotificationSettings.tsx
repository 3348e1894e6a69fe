/**
 * Settings › Notifications: this member's alerts in this workspace, by email (when the server has
 * SMTP) and as browser notifications while the dashboard is open, for new texts and handoffs.
 */
import { useState } from 'react';
import { api } from '../api';
import { useResource } from '../hooks';
import type { NotificationPreferences } from '../types';
import { ErrorNotice, Loading, Notice, SaveStatus, type SaveState } from './Feedback';
import { Toggle } from './Field';
import { Section } from './Layout';

export function NotificationSettings() {
  const prefs = useResource((signal) => api.get<NotificationPreferences>('/api/v1/notification-preferences', { signal }), []);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [permission, setPermission] = useState(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

  const update = async (next: NotificationPreferences) => {
    setSave({ kind: 'saving' });
    try {
      const saved = await api.put<NotificationPreferences>('/api/v1/notification-preferences', { email: next.email, browser: next.browser });
      prefs.setData(saved);
      window.dispatchEvent(new CustomEvent('textback:notification-preferences', { detail: saved }));
      setSave({ kind: 'saved', at: new Date() });
    } catch (err) {
      setSave({ kind: 'error', error: err });
    }
  };

  return (
    <Section title="Notifications" description="When a customer texts or the AI hands a conversation to a person. The inbox always updates live.">
      {prefs.error ? <ErrorNotice error={prefs.error} onRetry={prefs.reload} /> : null}
      {!prefs.data ? (
        prefs.error ? null : <Loading />
      ) : (
        <div className="stack">
          <fieldset className="plain-fieldset">
            <legend>In this browser, while the dashboard is open</legend>
            {permission === 'unsupported' ? (
              <Notice kind="info">This browser can't show notifications.</Notice>
            ) : permission === 'denied' ? (
              <Notice kind="warning">This browser blocks notifications from Textback. Allow them in the site settings of your browser.</Notice>
            ) : permission === 'default' ? (
              <button type="button" className="button" onClick={() => void Notification.requestPermission().then(setPermission)}>
                Allow browser notifications
              </button>
            ) : null}
            <Toggle label="New texts" name="browser.inbound" checked={prefs.data.browser.inbound} onChange={(v) => void update({ ...prefs.data!, browser: { ...prefs.data!.browser, inbound: v } })} />
            <Toggle label="Handoffs from the AI" name="browser.handoff" checked={prefs.data.browser.handoff} onChange={(v) => void update({ ...prefs.data!, browser: { ...prefs.data!.browser, handoff: v } })} />
          </fieldset>
          <fieldset className="plain-fieldset">
            <legend>By email</legend>
            {!prefs.data.emailAvailable ? (
              <Notice kind="info">Email is not set up on this server (the operator sets SMTP_URL). Until then, alerts come here and as texts to staff numbers.</Notice>
            ) : null}
            <Toggle label="New texts" name="email.inbound" disabled={!prefs.data.emailAvailable} checked={prefs.data.email.inbound} onChange={(v) => void update({ ...prefs.data!, email: { ...prefs.data!.email, inbound: v } })} />
            <Toggle label="Handoffs from the AI" name="email.handoff" disabled={!prefs.data.emailAvailable} checked={prefs.data.email.handoff} onChange={(v) => void update({ ...prefs.data!, email: { ...prefs.data!.email, handoff: v } })} />
          </fieldset>
          <SaveStatus state={save} />
        </div>
      )}
    </Section>
  );
}
