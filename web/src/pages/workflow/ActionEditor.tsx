/**
 * One step of a workflow: its type, the fields that type takes, reordering and removal, and its
 * optional condition.
 */
import { SelectField, TextArea, TextField } from '../../components/Field';
import { TemplateEditor } from '../../components/TemplateEditor';
import type { WorkflowAction, Workspace } from '../../types';
import { ACTIONS } from '../../workflow-text';
import { ConditionEditor } from './ConditionEditor';
import { WaitEditor } from './WaitEditor';
import { newAction } from './workflow-draft';

export function ActionEditor({
  action,
  index,
  count,
  onChange,
  onMove,
  onRemove,
  error,
  businessName,
  footer,
  stages,
}: {
  action: WorkflowAction;
  index: number;
  count: number;
  onChange: (a: WorkflowAction) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
  error: unknown;
  businessName: string;
  footer: Workspace['optOutFooter'] | null;
  stages: string[];
}) {
  const prefix = `actions.${index}`;
  return (
    <li className="action-card">
      <div className="action-head">
        <span className="step-number" aria-hidden="true">
          {index + 1}
        </span>
        <SelectField
          label={`Step ${index + 1}`}
          name={`${prefix}.type`}
          value={action.type}
          onChange={(e) => onChange({ ...newAction(e.target.value as WorkflowAction['type']), if: action.if } as WorkflowAction)}
          error={error}
          className="grow"
        >
          {ACTIONS.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </SelectField>
        <div className="action-buttons">
          <button type="button" className="button button-small button-quiet" onClick={() => onMove(-1)} disabled={index === 0} aria-label={`Move step ${index + 1} up`}>
            ↑
          </button>
          <button type="button" className="button button-small button-quiet" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={`Move step ${index + 1} down`}>
            ↓
          </button>
          <button type="button" className="button button-small button-quiet" onClick={onRemove} disabled={count === 1} aria-label={`Remove step ${index + 1}`}>
            Remove
          </button>
        </div>
      </div>
      {action.type === 'add_tag' || action.type === 'remove_tag' ? (
        <TextField label="Tag" name={`${prefix}.tag`} value={action.tag} onChange={(e) => onChange({ ...action, tag: e.target.value })} error={error} help={action.type === 'add_tag' ? 'smschat_ai lets the AI agent answer this contact.' : undefined} />
      ) : null}
      {action.type === 'send_sms' ? (
        <TemplateEditor label="Text to send" name={`${prefix}.body`} value={action.body} onChange={(body) => onChange({ ...action, body })} businessName={businessName} footer={footer} hints={{ businessName: true, maxSegments: 2 }} error={error} rows={3} />
      ) : null}
      {action.type === 'wait' ? <WaitEditor name={`${prefix}.seconds`} seconds={action.seconds} onChange={(seconds) => onChange({ ...action, seconds })} error={error} /> : null}
      {action.type === 'set_stage' ? (
        <TextField label="Stage" name={`${prefix}.stage`} value={action.stage} list={stages.length ? 'workflow-stages' : undefined} onChange={(e) => onChange({ ...action, stage: e.target.value })} error={error} />
      ) : null}
      {action.type === 'notify' ? (
        <>
          <TextField
            label="Send to"
            name={`${prefix}.to`}
            placeholder="Your staff numbers (Settings)"
            value={(action.to ?? []).join(', ')}
            onChange={(e) => {
              const to = e.target.value
                .split(/[,\s]+/)
                .map((s) => s.trim())
                .filter(Boolean);
              onChange({ ...action, to: to.length ? to : undefined });
            }}
            help="Leave empty to text the staff numbers from Settings."
            error={error}
          />
          <TextArea label="Message to your team" name={`${prefix}.body`} rows={2} value={action.body} onChange={(e) => onChange({ ...action, body: e.target.value })} error={error} help="Merge fields such as {{contact.name}} work here too." />
        </>
      ) : null}
      {action.type === 'webhook' ? (
        <TextField label="URL" name={`${prefix}.url`} type="url" value={action.url} onChange={(e) => onChange({ ...action, url: e.target.value })} error={error} help="Textback POSTs the event as JSON, signed with the X-Textback-Signature header." />
      ) : null}
      <ConditionEditor condition={action.if} prefix={prefix} error={error} onChange={(cond) => onChange({ ...action, if: cond } as WorkflowAction)} />
    </li>
  );
}
