/**
 * Settings: the business (name, time zone, hours or none set, closed dates), texting rules (staff
 * numbers, own numbers never texted, quiet hours, opt-out footer), pipeline stages, the team
 * (members and invites), API keys, notifications, saved replies and your password. Each section is
 * its own component under settings/ (notifications and saved replies are shared components).
 */
import { NotificationSettings } from '../components/NotificationSettings';
import { PageHeader } from '../components/Layout';
import { SavedReplySettings } from '../components/SavedReplySettings';
import { useTitle } from '../hooks';
import { useWorkspace } from '../session';
import { ApiKeys } from './settings/ApiKeys';
import { BusinessSettings } from './settings/BusinessSettings';
import { PasswordChange } from './settings/PasswordChange';
import { PipelineSettings } from './settings/PipelineSettings';
import { Team } from './settings/Team';

export function SettingsPage() {
  const { role } = useWorkspace();
  useTitle('Settings');
  return (
    <>
      <PageHeader title="Settings" />
      <div className="stack-lg">
        <BusinessSettings />
        <PipelineSettings />
        <Team />
        {role === 'owner' ? <ApiKeys /> : null}
        <NotificationSettings />
        <SavedReplySettings />
        <PasswordChange />
      </div>
    </>
  );
}
