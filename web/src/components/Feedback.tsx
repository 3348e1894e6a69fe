/**
 * Loading, empty, error and not-found states, and the saved/failed line beside a Save button.
 */
import type { ReactNode } from 'react';
import { ApiError, errorMessage } from '../api';
import { formatTime } from '../format';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="notice notice-error" role="alert">
      <span>{errorMessage(error)}</span>
      {onRetry ? (
        <button type="button" className="button button-small" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Notice({ kind = 'info', children, title }: { kind?: 'info' | 'warning' | 'success' | 'error'; children: ReactNode; title?: string }) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : undefined}>
      {title ? <strong className="notice-title">{title}</strong> : null}
      <div>{children}</div>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children ? <div className="empty-body">{children}</div> : null}
    </div>
  );
}

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'error'; error: unknown };

/** The result of the last save, announced politely (or assertively when it failed). */
export function SaveStatus({ state, dirty }: { state: SaveState; dirty?: boolean }) {
  let content: ReactNode = null;
  let cls = 'save-status';
  if (state.kind === 'saving') content = 'Saving…';
  else if (state.kind === 'error') {
    cls += ' save-status-error';
    // A field's problem is written next to that field; saying it here too would say it twice.
    const fieldInPage =
      state.error instanceof ApiError && state.error.field && document.querySelector(`[name="${CSS.escape(state.error.field)}"]`);
    content = fieldInPage ? 'Not saved: see the field marked in red.' : `Not saved: ${errorMessage(state.error)}`;
  } else if (dirty) content = 'Unsaved changes';
  else if (state.kind === 'saved') {
    cls += ' save-status-ok';
    content = `Saved at ${formatTime(state.at)}`;
  }
  return (
    <span className={cls} role={state.kind === 'error' ? 'alert' : 'status'}>
      {content}
    </span>
  );
}
