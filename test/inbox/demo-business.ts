/**
 * What the inbox tests start from: a new installation over real HTTP, its owner signed in, and the
 * demo (sandbox) number callers play, whose missed-call workflow tags each caller for the agent.
 */
import { Browser, setUpOwner } from '../accounts/browser-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

export interface DemoBusiness {
  t: TestApp;
  owner: Browser;
  demoNumber: string;
}

export async function startDemoBusiness(): Promise<DemoBusiness> {
  const t = await startTestApp();
  const { browser: owner } = await setUpOwner(t);
  const demoNumber = (await owner.get('/api/v1/phone-numbers')).body.data[0].number as string;
  return { t, owner, demoNumber };
}
