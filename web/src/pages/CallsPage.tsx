/**
 * Calls: every call, newest first, with its outcome, why a text was or was not sent, and the
 * voicemail (player and transcript). Filter by outcome and number; updates live.
 */
import { useState } from 'react';
import { api, qs } from '../api';
import { CallItem } from '../components/CallItem';
import { EmptyState, ErrorNotice, Loading } from '../components/Feedback';
import { SelectField } from '../components/Field';
import { PageHeader } from '../components/Layout';
import { formatPhone } from '../format';
import { useLiveRefresh, useResource, useTitle } from '../hooks';
import { Link } from '../router';
import { useWorkspace } from '../session';
import type { Call, Contact, Page, PhoneNumber } from '../types';

export function CallsPage() {
  const { base, workspace } = useWorkspace();
  useTitle('Calls');
  const [outcome, setOutcome] = useState('');
  const [phoneNumberId, setPhoneNumberId] = useState('');
  const calls = useResource((signal) => api.get<Page<Call>>(`/api/v1/calls${qs({ outcome, phoneNumberId, limit: 100 })}`, { signal }), [outcome, phoneNumberId]);
  const numbers = useResource((signal) => api.get<Page<PhoneNumber>>('/api/v1/phone-numbers?limit=200', { signal }), []);
  const contacts = useResource((signal) => api.get<Page<Contact>>('/api/v1/contacts?limit=200', { signal }), []);
  useLiveRefresh(workspace.id, (e) => !e || e.type === 'call', () => void calls.reload());
  useLiveRefresh(workspace.id, (e) => !e || e.type === 'contact', () => void contacts.reload());
  const numberMap = new Map((numbers.data?.data ?? []).map((n) => [n.id, n]));
  const contactMap = new Map((contacts.data?.data ?? []).map((c) => [c.id, c]));

  return (
    <>
      <PageHeader
        title="Calls"
        description="Every call to your numbers: answered or missed, and whether the caller got a text — and if not, why."
        actions={
          <a className="button" href={`/api/v1/calls/export.csv?workspaceId=${encodeURIComponent(workspace.id)}`} download>
            Export CSV
          </a>
        }
      />
      <div className="filters">
        <SelectField label="Outcome" name="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
          <option value="">All calls</option>
          <option value="missed">Missed</option>
          <option value="voicemail">Voicemail</option>
          <option value="answered">Answered</option>
          <option value="ringing">Ringing now</option>
        </SelectField>
        <SelectField label="Number" name="phoneNumberId" value={phoneNumberId} onChange={(e) => setPhoneNumberId(e.target.value)}>
          <option value="">All numbers</option>
          {(numbers.data?.data ?? []).map((n) => (
            <option key={n.id} value={n.id}>
              {n.name ? `${n.name} (${formatPhone(n.number)})` : formatPhone(n.number)}
            </option>
          ))}
        </SelectField>
      </div>
      {calls.error ? <ErrorNotice error={calls.error} onRetry={calls.reload} /> : null}
      {!calls.data && !calls.error ? <Loading /> : null}
      {calls.data && calls.data.data.length === 0 ? (
        <EmptyState title={outcome || phoneNumberId ? 'No calls match' : 'No calls yet'}>
          <p>
            Place a practice call with the <Link to={`${base}/simulator`}>phone simulator</Link>.
          </p>
        </EmptyState>
      ) : null}
      {calls.data && calls.data.data.length > 0 ? (
        <ul className="plain-list calls-list" aria-label="Calls, newest first">
          {calls.data.data.map((call) => (
            <li key={call.id} className="card card-tight">
              <CallItem call={call} number={numberMap.get(call.phoneNumberId)} contact={call.contactId ? contactMap.get(call.contactId) : undefined} />
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
