/**
 * Top-level routes. Signed out: first-run setup, login and invite acceptance. Signed in: every page
 * lives under /w/<workspace id>/…, so a link names its workspace and a workspace the user is not a
 * member of is simply not found. A bare page path (/simulator, /inbox) opens that page in the
 * user's current workspace.
 */
import type { ReactNode } from 'react';
import { Loading, ErrorNotice } from './components/Feedback';
import { Layout } from './components/Layout';
import { NotFoundPage } from './pages/NotFoundPage';
import { AgentPage } from './pages/AgentPage';
import { ApiDocsPage } from './pages/ApiDocsPage';
import { CallsPage } from './pages/CallsPage';
import { ContactDetailPage } from './pages/ContactDetailPage';
import { ContactsPage } from './pages/ContactsPage';
import { InboxPage } from './pages/InboxPage';
import { InvitePage } from './pages/InvitePage';
import { LoginPage, ResetPasswordPage } from './pages/LoginPage';
import { NumberDetailPage } from './pages/NumberDetailPage';
import { NumbersPage } from './pages/NumbersPage';
import { OverviewPage } from './pages/OverviewPage';
import { SettingsPage } from './pages/SettingsPage';
import { SetupPage } from './pages/SetupPage';
import { SignalWirePage } from './pages/SignalWirePage';
import { SimulatorPage } from './pages/SimulatorPage';
import { TelnyxPage } from './pages/TelnyxPage';
import { TwilioPage } from './pages/TwilioPage';
import { WorkflowEditPage } from './pages/WorkflowEditPage';
import { WorkflowsPage } from './pages/WorkflowsPage';
import { matchPath, Redirect, useLocation } from './router';
import { defaultWorkspace, rememberWorkspace, useSession, WorkspaceProvider } from './session';
import type { Session } from './types';

const SECTIONS = ['inbox', 'calls', 'contacts', 'numbers', 'twilio', 'signalwire', 'telnyx', 'agent', 'workflows', 'simulator', 'settings', 'overview', 'api'];

/** The page for a path inside a workspace ("" for the overview, "/contacts/ct_1", …). */
function workspacePage(rest: string): ReactNode {
  const routes: Array<[string, (p: Record<string, string>) => ReactNode]> = [
    ['', () => <OverviewPage />],
    ['/overview', () => <OverviewPage />],
    ['/inbox', () => <InboxPage conversationId={null} />],
    ['/inbox/:id', (p) => <InboxPage conversationId={p.id!} />],
    ['/calls', () => <CallsPage />],
    ['/contacts', () => <ContactsPage />],
    ['/contacts/:id', (p) => <ContactDetailPage id={p.id!} />],
    ['/numbers', () => <NumbersPage />],
    ['/numbers/:id', (p) => <NumberDetailPage id={p.id!} />],
    ['/twilio', () => <TwilioPage />],
    ['/signalwire', () => <SignalWirePage />],
    ['/telnyx', () => <TelnyxPage />],
    ['/agent', () => <AgentPage />],
    ['/workflows', () => <WorkflowsPage />],
    ['/workflows/new', () => <WorkflowEditPage id={null} />],
    ['/workflows/:id', (p) => <WorkflowEditPage id={p.id!} />],
    ['/simulator', () => <SimulatorPage />],
    ['/settings', () => <SettingsPage />],
    ['/api', () => <ApiDocsPage />],
  ];
  for (const [pattern, render] of routes) {
    const params = matchPath(pattern || '/', rest || '/');
    if (params) return render(params);
  }
  return <NotFoundPage />;
}

function SignedInApp({ session }: { session: Session }) {
  const { pathname, search } = useLocation();
  const fallback = defaultWorkspace(session.workspaces);

  if (!fallback) {
    return (
      <main className="auth-page" id="main">
        <div className="auth-card">
          <h1>No workspace yet</h1>
          <p>Your account is not a member of any workspace. Ask the owner of your business's workspace to invite you again.</p>
        </div>
      </main>
    );
  }

  const m = /^\/w\/([^/]+)(\/.*)?$/.exec(pathname);
  if (!m) {
    if (pathname === '/' || pathname === '') return <Redirect to={`/w/${encodeURIComponent(fallback.id)}`} />;
    if (pathname === '/setup' || pathname === '/login' || pathname === '/invite') {
      const next = search.get('next');
      return <Redirect to={next && next.startsWith('/') && !next.startsWith('//') ? next : `/w/${encodeURIComponent(fallback.id)}`} />;
    }
    const section = pathname.split('/')[1] ?? '';
    if (SECTIONS.includes(section)) return <Redirect to={`/w/${encodeURIComponent(fallback.id)}${pathname}${search.toString() ? `?${search}` : ''}`} />;
    return (
      <WorkspaceProvider workspace={fallback}>
        <Layout>
          <NotFoundPage />
        </Layout>
      </WorkspaceProvider>
    );
  }

  let workspaceId: string;
  try {
    workspaceId = decodeURIComponent(m[1]!);
  } catch {
    workspaceId = '';
  }
  const workspace = session.workspaces.find((w) => w.id === workspaceId);
  if (!workspace) {
    // Not a member: the same answer as for a workspace that does not exist. Nothing is requested with its id.
    return (
      <WorkspaceProvider workspace={fallback}>
        <Layout>
          <NotFoundPage what="workspace" />
        </Layout>
      </WorkspaceProvider>
    );
  }
  rememberWorkspace(workspace.id);
  const rest = (m[2] ?? '').replace(/\/+$/, '');
  return (
    <WorkspaceProvider workspace={workspace} key={workspace.id}>
      <Layout>{workspacePage(rest)}</Layout>
    </WorkspaceProvider>
  );
}

export function App() {
  const { state, refresh } = useSession();
  const { pathname, search } = useLocation();

  if (state.status === 'loading') {
    return (
      <main className="auth-page" id="main">
        <Loading />
      </main>
    );
  }
  if (state.status === 'error') {
    return (
      <main className="auth-page" id="main">
        <div className="auth-card">
          <h1>Textback</h1>
          <ErrorNotice error={state.error} onRetry={() => void refresh()} />
        </div>
      </main>
    );
  }
  if (pathname === '/invite') return <InvitePage token={search.get('token') ?? ''} />;
  if (pathname === '/reset-password') return <ResetPasswordPage token={search.get('token') ?? ''} />;
  if (state.status === 'signed-in') return <SignedInApp session={state.session} />;

  if (pathname === '/setup' || state.needsSetup) return <SetupPage token={search.get('token') ?? ''} needsSetup={state.needsSetup} />;
  if (pathname === '/login') return <LoginPage next={search.get('next')} expired={!!state.expired} />;
  const next = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + (search.toString() ? `?${search}` : ''))}`;
  return <Redirect to={`/login${next}`} />;
}
