/**
 * Settings: change your own password (which signs you out everywhere else).
 */
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { SaveStatus, type SaveState } from '../../components/Feedback';
import { TextField, useFocusInvalid } from '../../components/Field';
import { Section } from '../../components/Layout';

export function PasswordChange() {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const formRef = useRef<HTMLFormElement>(null);
  const error = save.kind === 'error' ? save.error : null;
  useFocusInvalid(error, formRef);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSave({ kind: 'saving' });
    try {
      await api.post('/api/v1/auth/password', { currentPassword, newPassword }, { noWorkspace: true });
      setCurrent('');
      setNew('');
      setSave({ kind: 'saved', at: new Date() });
    } catch (err) {
      setSave({ kind: 'error', error: err });
    }
  };

  return (
    <Section title="Your password" description="Changing it signs you out everywhere else.">
      <form ref={formRef} onSubmit={submit} noValidate className="stack">
        <div className="form-grid">
          <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrent(e.target.value)} error={error} />
          <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" minLength={10} value={newPassword} onChange={(e) => setNew(e.target.value)} error={error} help="At least 10 characters." />
        </div>
        <div className="save-bar-row">
          <button type="submit" className="button" disabled={save.kind === 'saving' || !currentPassword || !newPassword}>
            Change password
          </button>
          <SaveStatus state={save} />
        </div>
      </form>
    </Section>
  );
}
