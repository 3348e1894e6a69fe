/**
 * Who is signed in, and which workspace the pages are looking at.
 *
 * The session is read once from GET /api/v1/auth/session (the cookie is httpOnly, so the server is
 * the only one who can tell). Its CSRF token goes to the API client for every change. The current
 * workspace comes from the URL (/w/<id>/…): one that is not among the user's workspaces is never
 * sent to the server; the page shows "not found" instead.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onUnauthorized, setCsrfToken, setWorkspace } from './api';
import type { Role, Session, WorkspaceSummary } from './types';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; needsSetup: boolean; expired?: boolean }
  | { status: 'signed-in'; session: Session }
  | { status: 'error'; error: unknown };

interface SessionContextValue {
  state: SessionState;
  /** After setup, login or accepting an invite: the answer is the new session. */
  signedIn: (session: Session) => void;
  signOut: () => Promise<void>;
  /** Re-reads the session (e.g. after a workspace was renamed). */
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

const LAST_WORKSPACE_KEY = 'textback.workspace';

export function rememberWorkspace(id: string): void {
  try {
    window.localStorage.setItem(LAST_WORKSPACE_KEY, id);
  } catch {
    // private mode: nothing to remember
  }
}

/** The workspace to open by default: the last one used if the user still has it, else the first. */
export function defaultWorkspace(workspaces: WorkspaceSummary[]): WorkspaceSummary | undefined {
  let last: string | null = null;
  try {
    last = window.localStorage.getItem(LAST_WORKSPACE_KEY);
  } catch {
    last = null;
  }
  return workspaces.find((w) => w.id === last) ?? workspaces[0];
}

async function readSession(): Promise<SessionState> {
  try {
    const session = await api.get<Session>('/api/v1/auth/session', { noWorkspace: true });
    return { status: 'signed-in', session };
  } catch (err) {
    if (!(err instanceof ApiError) || (err.status !== 401 && err.status !== 404)) return { status: 'error', error: err };
  }
  try {
    const setup = await api.get<{ needsSetup: boolean }>('/api/v1/setup', { noWorkspace: true });
    return { status: 'anonymous', needsSetup: !!setup.needsSetup };
  } catch {
    return { status: 'anonymous', needsSetup: false };
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const apply = useCallback((next: SessionState) => {
    setCsrfToken(next.status === 'signed-in' ? next.session.csrfToken : null);
    setState(next);
  }, []);

  const refresh = useCallback(async () => apply(await readSession()), [apply]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    onUnauthorized(() => {
      setCsrfToken(null);
      setWorkspace(null);
      setState((s) => (s.status === 'signed-in' ? { status: 'anonymous', needsSetup: false, expired: true } : s));
    });
    return () => onUnauthorized(null);
  }, []);

  const signedIn = useCallback((session: Session) => apply({ status: 'signed-in', session }), [apply]);

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/v1/auth/logout', {}, { noWorkspace: true });
    } catch {
      // Signed out locally either way; the cookie expires on its own.
    }
    setWorkspace(null);
    apply({ status: 'anonymous', needsSetup: false });
  }, [apply]);

  const value = useMemo(() => ({ state, signedIn, signOut, refresh }), [state, signedIn, signOut, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in session; only for components rendered inside the signed-in app. */
export function useSignedIn(): Session {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useSignedIn while signed out');
  return state.session;
}

export interface WorkspaceContextValue {
  workspace: WorkspaceSummary;
  role: Role;
  /** The URL prefix of this workspace's pages: "/w/<id>". */
  base: string;
}

const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

export function WorkspaceProvider({ workspace, children }: { workspace: WorkspaceSummary; children: ReactNode }) {
  // Set before the children render, so their first requests already carry the workspace.
  setWorkspace(workspace.id);
  const value = useMemo(() => ({ workspace, role: workspace.role, base: `/w/${encodeURIComponent(workspace.id)}` }), [workspace]);
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): WorkspaceContextValue {
  const ctx = useContext(WorkspaceContext);
  if (!ctx) throw new Error('useWorkspace outside WorkspaceProvider');
  return ctx;
}
