/**
 * The inbox's counts (GET /api/v1/conversations/counts), one resource for the signed-in frame: the
 * navigation's "needs reply" badge and the inbox page's views read the same answer, so a change
 * refetches the counts once, not once for each (at most once a second: live-refresh.ts). On a
 * large business the counts are read over every open conversation (docs/performance.md, round 23).
 */
import { createContext, useContext, type ReactNode } from 'react';
import { api } from './api';
import { useLiveRefresh, useResource, type Resource } from './hooks';
import { useWorkspace } from './session';
import type { ConversationCounts } from './types';

const InboxCounts = createContext<Resource<ConversationCounts> | null>(null);

export function InboxCountsProvider({ children }: { children: ReactNode }) {
  const { workspace } = useWorkspace();
  const counts = useResource((signal) => api.get<ConversationCounts>('/api/v1/conversations/counts', { signal }), [workspace.id]);
  useLiveRefresh(workspace.id, () => true, () => void counts.reload());
  return <InboxCounts.Provider value={counts}>{children}</InboxCounts.Provider>;
}

/** The counts and their reload (after an action of the user's that changes them). */
export function useInboxCounts(): Resource<ConversationCounts> {
  const counts = useContext(InboxCounts);
  if (!counts) throw new Error('useInboxCounts outside InboxCountsProvider');
  return counts;
}
