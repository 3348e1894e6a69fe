/**
 * Data hooks the pages share: load something from the API (with reload and abort), live updates
 * from the server's event stream, and a timer.
 */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { throttledRefresh, type RefreshTimers } from './live-refresh';
import type { LiveEvent } from './types';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again, keeping the current data on screen meanwhile. */
  reload: () => Promise<void>;
  /** Replaces the data locally (after a save answered with the new object). */
  setData: (value: T | ((old: T | undefined) => T)) => void;
}

/** Runs `load` when `deps` change; aborts the previous load; keeps data while reloading. */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  loadRef.current = load;
  const controllerRef = useRef<AbortController | null>(null);

  const run = useCallback(async () => {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setLoading(true);
    try {
      const value = await loadRef.current(controller.signal);
      if (controller.signal.aborted) return;
      setData(() => value);
      setError(null);
    } catch (err) {
      if (controller.signal.aborted || (err as Error)?.name === 'AbortError') return;
      setError(err);
    } finally {
      if (!controller.signal.aborted) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setData(undefined);
    setError(null);
    void run();
    return () => controllerRef.current?.abort();
    // Only `deps` decide when to load again; `load` may be a new closure on every render.
  }, deps);

  return { data, error, loading, reload: run, setData: setData as Resource<T>['setData'] };
}

/** Calls `fn` every `ms` while mounted (null pauses). */
export function useInterval(fn: () => void, ms: number | null): void {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    if (ms === null) return;
    const id = window.setInterval(() => ref.current(), ms);
    return () => window.clearInterval(id);
  }, [ms]);
}

type LiveListener = (event: LiveEvent | null) => void;

interface LiveChannel {
  listeners: Set<LiveListener>;
  source: EventSource | null;
  pollTimer: number | null;
  retryTimer: number | null;
}

const channels = new Map<string, LiveChannel>();
/** While the stream is down, views refresh on this beat instead. */
const FALLBACK_POLL_MS = 4000;
const RETRY_STREAM_MS = 30_000;

function openStream(workspaceId: string, channel: LiveChannel): void {
  if (typeof EventSource === 'undefined') {
    startPolling(channel);
    return;
  }
  const source = new EventSource(`/api/v1/events/stream?workspaceId=${encodeURIComponent(workspaceId)}`);
  channel.source = source;
  source.onopen = () => stopPolling(channel);
  source.onmessage = (e: MessageEvent<string>) => {
    let event: LiveEvent | null = null;
    try {
      event = JSON.parse(e.data) as LiveEvent;
    } catch {
      event = null;
    }
    for (const l of channel.listeners) l(event);
  };
  source.onerror = () => {
    // EventSource retries by itself unless the server refused the stream outright (CLOSED).
    if (source.readyState === EventSource.CLOSED) {
      channel.source = null;
      startPolling(channel);
      channel.retryTimer = window.setTimeout(() => {
        channel.retryTimer = null;
        if (channel.listeners.size > 0 && !channel.source) openStream(workspaceId, channel);
      }, RETRY_STREAM_MS);
    } else {
      startPolling(channel);
    }
  };
}

function startPolling(channel: LiveChannel): void {
  if (channel.pollTimer !== null) return;
  channel.pollTimer = window.setInterval(() => {
    for (const l of channel.listeners) l(null);
  }, FALLBACK_POLL_MS);
}

function stopPolling(channel: LiveChannel): void {
  if (channel.pollTimer === null) return;
  window.clearInterval(channel.pollTimer);
  channel.pollTimer = null;
}

function subscribeLive(workspaceId: string, listener: LiveListener): () => void {
  let channel = channels.get(workspaceId);
  if (!channel) {
    channel = { listeners: new Set(), source: null, pollTimer: null, retryTimer: null };
    channels.set(workspaceId, channel);
    openStream(workspaceId, channel);
  }
  channel.listeners.add(listener);
  const ch = channel;
  return () => {
    ch.listeners.delete(listener);
    if (ch.listeners.size > 0) return;
    ch.source?.close();
    stopPolling(ch);
    if (ch.retryTimer !== null) window.clearTimeout(ch.retryTimer);
    channels.delete(workspaceId);
  };
}

/**
 * Calls `onChange` when something changes in the workspace: an event from the server's stream
 * (message, call, contact, conversation), or, while the stream is unavailable, every few seconds
 * with null. Views simply refetch what they show.
 */
export function useLiveUpdates(workspaceId: string | null, onChange: LiveListener): void {
  const ref = useRef(onChange);
  ref.current = onChange;
  useEffect(() => {
    if (!workspaceId) return;
    return subscribeLive(workspaceId, (e) => ref.current(e));
  }, [workspaceId]);
}

/** How often a view refetches at most while live events keep coming (live-refresh.ts). */
export const LIVE_REFRESH_MS = 1_000;

const windowTimers: RefreshTimers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => window.setTimeout(run, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

/**
 * Calls `refresh` when a live event that `wants` says matters to the view arrives (or on the
 * fallback poll's beat), at most once per `everyMs`: the first at once, one more at the end of
 * the interval for whatever came meanwhile (live-refresh.ts). For views that refetch what they
 * show; a view that needs each event itself (the alert center) uses useLiveUpdates.
 */
export function useLiveRefresh(workspaceId: string | null, wants: (event: LiveEvent | null) => boolean, refresh: () => void, everyMs = LIVE_REFRESH_MS): void {
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  const wantsRef = useRef(wants);
  wantsRef.current = wants;
  const [throttle] = useState(() => throttledRefresh(() => refreshRef.current(), everyMs, windowTimers));
  useEffect(() => () => throttle.cancel(), [throttle]);
  useLiveUpdates(workspaceId, (event) => {
    if (wantsRef.current(event)) throttle.request();
  });
}

/** A value that follows `value` after it has stopped changing for `ms` (search boxes). */
export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return debounced;
}

/** Sets document.title for the page (screen readers announce it on navigation). */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Textback` : 'Textback';
  }, [title]);
}
