/**
 * The frame of the signed-out pages (setup, login, invite): one centred card in a main landmark.
 */
import type { ReactNode } from 'react';
import { useTitle } from '../hooks';

export function AuthLayout({ title, intro, children, wide }: { title: string; intro?: ReactNode; children: ReactNode; wide?: boolean }) {
  useTitle(title);
  return (
    <main className="auth-page" id="main">
      <div className={`auth-card${wide ? ' auth-card-wide' : ''}`}>
        <p className="brand brand-static">
          <span className="brand-mark" aria-hidden="true" />
          Textback
        </p>
        <h1>{title}</h1>
        {intro ? <div className="auth-intro">{intro}</div> : null}
        {children}
      </div>
    </main>
  );
}
