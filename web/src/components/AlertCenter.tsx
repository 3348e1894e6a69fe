/**
 * Alerts while the dashboard is open: when a customer texts or the AI hands off, a notice appears
 * in the page (announced to screen readers) and, if this member allowed it in Settings and the
 * browser granted permission, a system notification. No push service is reachable, so nothing
 * arrives once every dashboard tab is closed: email covers that (Settings › Notifications).
 */
import { useEffect, useState } from 'react';
import { api } from '../api';
import { contactLabel } from '../format';
import { useLiveUpdates } from '../hooks';
import { Link, useLocation } from '../router';
import { useWorkspace } from '../session';
import type { Conversation, Message, NotificationPreferences, Page } from '../types';

interface Alert {
  id: string;
  conversationId: string;
  title: string;
  body: string;
}

const MAX_SHOWN = 2;
const AUTO_DISMISS_MS = 12_000;

export function AlertCenter() {
  const { workspace, base } = useWorkspace();
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [prefs, setPrefs] = useState<NotificationPreferences | null>(null);
  const { pathname } = useLocation();
  const openConversation = /\/inbox\/([^/?#]+)/.exec(pathname)?.[1];

  // A notice goes away by itself after a while, and at once when its conversation is opened.
  useEffect(() => {
    if (alerts.length === 0) return;
    const id = window.setTimeout(() => setAlerts((l) => l.slice(0, -1)), AUTO_DISMISS_MS);
    return () => window.clearTimeout(id);
  }, [alerts]);
  useEffect(() => {
    if (openConversation) setAlerts((l) => l.filter((a) => a.conversationId !== decodeURIComponent(openConversation)));
  }, [openConversation]);

  useEffect(() => {
    let live = true;
    api.get<NotificationPreferences>('/api/v1/notification-preferences').then(
      (p) => live && setPrefs(p),
      () => undefined,
    );
    const onPrefs = (e: Event) => setPrefs((e as CustomEvent<NotificationPreferences>).detail);
    window.addEventListener('textback:notification-preferences', onPrefs);
    return () => {
      live = false;
      window.removeEventListener('textback:notification-preferences', onPrefs);
    };
  }, [workspace.id]);

  useLiveUpdates(workspace.id, (event) => {
    if (!event || event.type !== 'alert') return;
    const id = encodeURIComponent(event.id);
    void Promise.all([
      api.get<Conversation>(`/api/v1/conversations/${id}`),
      api.get<Page<Message>>(`/api/v1/conversations/${id}/messages?limit=10`),
    ]).then(([c, recent]) => {
      const handoff = !!c.needsReply?.handoff;
      // The customer's own words, even when the AI has answered already.
      const lastFromCustomer = recent.data.find((m) => m.direction === 'inbound');
      const who = contactLabel(c.contact);
      const alert: Alert = {
        id: `${c.id}:${c.lastMessageAt}:${handoff}`,
        conversationId: c.id,
        title: handoff ? `${who} needs a person` : `New text from ${who}`,
        body: handoff ? (c.needsReply?.reason ?? '') : (lastFromCustomer?.body ?? ''),
      };
      const viewing = openConversation && decodeURIComponent(openConversation) === c.id && document.visibilityState === 'visible';
      if (!viewing) setAlerts((list) => [alert, ...list.filter((a) => a.id !== alert.id)].slice(0, MAX_SHOWN));
      const wanted = prefs ? prefs.browser[handoff ? 'handoff' : 'inbound'] : true;
      if (wanted && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        const n = new Notification(alert.title, { body: alert.body.slice(0, 180), tag: alert.conversationId });
        n.onclick = () => {
          window.focus();
          window.location.assign(`${base}/inbox/${encodeURIComponent(alert.conversationId)}`);
        };
      }
    }, () => undefined);
  });

  return (
    <div className="alert-center" role="status" aria-live="polite">
      {alerts.map((a) => (
        <div key={a.id} className="alert-toast">
          <Link to={`${base}/inbox/${encodeURIComponent(a.conversationId)}`} onClick={() => setAlerts((l) => l.filter((x) => x.id !== a.id))}>
            <strong>{a.title}</strong>
            <span>{a.body}</span>
          </Link>
          <button type="button" className="button button-small button-quiet" aria-label={`Dismiss: ${a.title}`} onClick={() => setAlerts((l) => l.filter((x) => x.id !== a.id))}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
