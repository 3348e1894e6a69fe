/**
 * In-process notifications that something changed in a workspace (a message, a call), for live
 * views such as the dashboard's server-sent events. Best effort by design: the database is the
 * truth, a view that misses an event reloads.
 */
import { EventEmitter } from 'node:events';

export interface LiveEvent {
  workspaceId: string;
  /** `alert`: a customer needs the team (a new text or a handoff); id is the conversation's. */
  type: 'message' | 'call' | 'contact' | 'conversation' | 'alert';
  id: string;
}

export class LiveEvents {
  private readonly emitter = new EventEmitter();
  /** Forwards events to other processes (PostgreSQL NOTIFY), when there are any. */
  private bridge: ((event: LiveEvent) => void) | null = null;

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(event: LiveEvent): void {
    this.emitter.emit(event.workspaceId, event);
    this.bridge?.(event);
  }

  /** Delivers an event that another process published (no forwarding back). */
  deliverRemote(event: LiveEvent): void {
    this.emitter.emit(event.workspaceId, event);
  }

  setBridge(bridge: (event: LiveEvent) => void): void {
    this.bridge = bridge;
  }

  /** Subscribes to one workspace's events; returns the unsubscribe function. */
  subscribe(workspaceId: string, listener: (e: LiveEvent) => void): () => void {
    this.emitter.on(workspaceId, listener);
    return () => this.emitter.off(workspaceId, listener);
  }
}
