/**
 * The agent's model as a member sees it: the same facts as the owner's fields, read-only, with the
 * reason. The model spends the workspace's money and holds its key, so only an owner may change it
 * (PUT /api/v1/agent answers a member 403 for a model change); showing members editable fields
 * only for the save to fail would be a trap.
 */
import type { AgentSettings, Provider } from '../../types';

export function ModelReadOnly({ model, providerLabel }: { model: AgentSettings['model']; providerLabel: (p: Provider) => string }) {
  const usesService = model.provider !== 'builtin';
  return (
    <fieldset>
      <legend>Model</legend>
      <p className="muted">Only an owner of this workspace can change the model, its address and its API key.</p>
      <dl className="facts">
        <div>
          <dt>Provider</dt>
          <dd>{providerLabel(model.provider)}</dd>
        </div>
        {usesService ? (
          <div>
            <dt>Model name</dt>
            <dd>{model.name || 'Not set'}</dd>
          </div>
        ) : null}
        {usesService && model.baseUrl ? (
          <div>
            <dt>Base URL</dt>
            <dd>{model.baseUrl}</dd>
          </div>
        ) : null}
        {usesService ? (
          <div>
            <dt>API key</dt>
            <dd>{model.apiKeySet ? 'Saved (hidden)' : 'None saved'}</dd>
          </div>
        ) : null}
      </dl>
    </fieldset>
  );
}
