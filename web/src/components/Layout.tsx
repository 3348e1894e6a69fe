/**
 * The signed-in frame: a skip link, the top bar (brand, workspace switcher, account), the main
 * navigation (a sidebar on wide screens, a menu button on phones) and the main landmark. Focus
 * moves to the page heading after each navigation, so keyboard and screen-reader users start at
 * the new page rather than at the link they pressed.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Link, navigate, useLocation } from '../router';
import { rememberWorkspace, useSession, useSignedIn, useWorkspace } from '../session';
import { AlertCenter } from './AlertCenter';
import { InboxCountsProvider, useInboxCounts } from '../inbox-counts';
import { Icon, type IconName } from './Icon';

interface NavItem {
  path: string;
  label: string;
  icon: IconName;
}

export const NAV: NavItem[] = [
  { path: '', label: 'Overview', icon: 'overview' },
  { path: '/inbox', label: 'Inbox', icon: 'inbox' },
  { path: '/calls', label: 'Calls', icon: 'calls' },
  { path: '/contacts', label: 'Contacts', icon: 'contacts' },
  { path: '/numbers', label: 'Phone numbers', icon: 'numbers' },
  { path: '/agent', label: 'AI agent', icon: 'agent' },
  { path: '/workflows', label: 'Workflows', icon: 'workflows' },
  { path: '/simulator', label: 'Phone simulator', icon: 'simulator' },
  { path: '/settings', label: 'Settings', icon: 'settings' },
  { path: '/api', label: 'API', icon: 'api' },
];

function isActive(base: string, item: NavItem, pathname: string): boolean {
  const target = base + item.path;
  if (item.path === '') return pathname === base || pathname === `${base}/`;
  if (item.path === '/numbers' && pathname.startsWith(`${base}/twilio`)) return true;
  if (item.path === '/numbers' && pathname.startsWith(`${base}/signalwire`)) return true;
  if (item.path === '/numbers' && pathname.startsWith(`${base}/telnyx`)) return true;
  return pathname === target || pathname.startsWith(`${target}/`);
}

function WorkspaceSwitcher() {
  const session = useSignedIn();
  const { workspace } = useWorkspace();
  const { pathname } = useLocation();
  const id = useId();
  if (session.workspaces.length < 2) {
    return <span className="workspace-name">{workspace.businessName || workspace.name}</span>;
  }
  return (
    <div className="workspace-switcher">
      <label htmlFor={id} className="visually-hidden">
        Workspace
      </label>
      <select
        id={id}
        value={workspace.id}
        onChange={(e) => {
          const next = e.target.value;
          rememberWorkspace(next);
          // Same section of the other workspace, but not the same object (ids do not cross workspaces).
          const section = pathname.split('/')[3] ?? '';
          navigate(`/w/${encodeURIComponent(next)}${section ? `/${section}` : ''}`);
        }}
      >
        {session.workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.businessName || w.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  return (
    <InboxCountsProvider>
      <Frame>{children}</Frame>
    </InboxCountsProvider>
  );
}

function Frame({ children }: { children: ReactNode }) {
  const { base } = useWorkspace();
  const session = useSignedIn();
  const { signOut } = useSession();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  // The Inbox navigation's number: conversations that need a reply, refreshed live.
  const needsReply = useInboxCounts().data?.open.needs_reply ?? null;
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    setMenuOpen(false);
    if (first.current) {
      first.current = false;
      return;
    }
    // Wait a frame so the new page's heading exists.
    const id = window.requestAnimationFrame(() => {
      const heading = mainRef.current?.querySelector<HTMLElement>('h1');
      if (heading) {
        heading.setAttribute('tabindex', '-1');
        heading.focus({ preventScroll: true });
      }
    });
    return () => window.cancelAnimationFrame(id);
  }, [pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-start">
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((o) => !o)}
          >
            <Icon name={menuOpen ? 'close' : 'menu'} />
            <span className="visually-hidden">{menuOpen ? 'Close menu' : 'Menu'}</span>
          </button>
          <Link to={base} className="brand">
            <span className="brand-mark" aria-hidden="true" />
            Textback
          </Link>
          <WorkspaceSwitcher />
        </div>
        <div className="topbar-end">
          <span className="user-name" title={session.user.email}>
            {session.user.name || session.user.email}
          </span>
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={async () => {
              await signOut();
              navigate('/login');
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <div className="shell">
        <nav id="main-nav" className={`sidebar${menuOpen ? ' sidebar-open' : ''}`} aria-label="Main">
          <ul>
            {NAV.map((item) => {
              const active = isActive(base, item, pathname);
              return (
                <li key={item.path}>
                  <Link to={base + item.path} aria-current={active ? 'page' : undefined} className={active ? 'active' : undefined}>
                    <Icon name={item.icon} />
                    <span>{item.label}</span>
                    {item.path === '/inbox' && needsReply ? (
                      <span className="nav-count" aria-label={`${needsReply} need a reply`}>
                        {needsReply}
                      </span>
                    ) : null}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <main id="main" ref={mainRef} tabIndex={-1}>
          {children}
        </main>
        <AlertCenter />
      </div>
    </div>
  );
}

/** A page's heading row: the title, an optional line under it, and actions on the right. */
export function PageHeader({ title, description, actions, back }: { title: ReactNode; description?: ReactNode; actions?: ReactNode; back?: { to: string; label: string } }) {
  return (
    <div className="page-header">
      {back ? (
        <Link to={back.to} className="back-link">
          <Icon name="back" size={16} />
          {back.label}
        </Link>
      ) : null}
      <div className="page-header-row">
        <div className="page-header-text">
          <h1>{title}</h1>
          {description ? <p className="page-description">{description}</p> : null}
        </div>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
    </div>
  );
}

/** A titled card on a page. */
export function Section({ title, description, children, actions, id }: { title: ReactNode; description?: ReactNode; children: ReactNode; actions?: ReactNode; id?: string }) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId} id={id}>
      <div className="card-header">
        <div>
          <h2 id={headingId}>{title}</h2>
          {description ? <p className="card-description">{description}</p> : null}
        </div>
        {actions ? <div className="card-actions">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
