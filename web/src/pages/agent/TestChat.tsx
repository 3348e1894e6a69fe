/**
 * The agent's test chat: text it as a customer would; it uses the saved settings and knowledge and
 * sends nothing to anyone.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { Badge } from '../../components/Badge';
import { ErrorNotice } from '../../components/Feedback';
import { Section } from '../../components/Layout';
import type { AgentTestReply } from '../../types';

interface ChatLine {
  role: 'contact' | 'business';
  text: string;
  handoff?: string | null;
  passages?: AgentTestReply['passages'];
}

export function TestChat() {
  const [lines, setLines] = useState<ChatLine[]>([]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const endRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = endRef.current?.parentElement;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines.length]);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    const value = text.trim();
    if (!value) return;
    const history: ChatLine[] = [...lines, { role: 'contact', text: value }];
    setLines(history);
    setText('');
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<AgentTestReply>('/api/v1/agent/test', { messages: history.map((l) => ({ role: l.role, text: l.text })) });
      setLines((ls) => [
        ...ls,
        {
          role: 'business',
          text: res.reply ?? (res.handoff ? '(No reply: the agent hands this to your team.)' : '(No reply.)'),
          handoff: res.handoff?.reason ?? null,
          passages: res.passages,
        },
      ]);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section
      title="Test chat"
      description="Text the agent as a customer would. It uses your saved settings and knowledge; nothing is sent to anyone."
      actions={
        lines.length ? (
          <button type="button" className="button button-small button-quiet" onClick={() => setLines([])}>
            Start over
          </button>
        ) : null
      }
    >
      <div className="test-chat" role="log" aria-label="Test conversation" aria-live="polite" tabIndex={0}>
        {lines.length === 0 ? <p className="muted small">Try “How much is your diagnostic fee?”</p> : null}
        {lines.map((l, i) => (
          <div key={i} className={`thread-item ${l.role === 'contact' ? 'thread-inbound' : 'thread-outbound'}`}>
            <div className={`bubble ${l.role === 'contact' ? 'bubble-in' : 'bubble-out'}`}>
              <div className="bubble-meta">
                <Badge tone={l.role === 'contact' ? 'neutral' : 'accent'}>{l.role === 'contact' ? 'You, as a customer' : 'AI agent'}</Badge>
              </div>
              <p className="bubble-body">{l.text}</p>
              {l.handoff ? <p className="handoff">Hands off to your team: {l.handoff}</p> : null}
              {l.passages && l.passages.length ? (
                <details className="passages">
                  <summary>Used {l.passages.length === 1 ? '1 knowledge passage' : `${l.passages.length} knowledge passages`}</summary>
                  <ul>
                    {l.passages.map((p, j) => (
                      <li key={j}>
                        <strong>{p.title}</strong>: {p.text}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </div>
          </div>
        ))}
        {busy ? <p className="muted small">The agent is typing…</p> : null}
        <div ref={endRef} />
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      <form className="chat-form" onSubmit={send} noValidate>
        <label htmlFor="test-chat-input" className="compose-label">
          Message to the agent
        </label>
        <input id="test-chat-input" name="testMessage" value={text} onChange={(e) => setText(e.target.value)} placeholder="Type a customer's question" autoComplete="off" />
        <button type="submit" className="button button-primary" disabled={busy || !text.trim()}>
          Send
        </button>
      </form>
    </Section>
  );
}
