/**
 * The workflow form's draft: what the editor holds (every trigger filter as a string, so inputs stay
 * controlled), how it comes from a saved workflow and goes back as the API's body (empty filters
 * and conditions dropped), and a fresh action of each type.
 */
import type { TriggerType, Workflow, WorkflowAction } from '../../types';
import { NUMBER_TRIGGERS, TAG_TRIGGERS } from '../../workflow-text';

export interface Draft {
  name: string;
  enabled: boolean;
  trigger: { type: TriggerType; phoneNumberId: string; tag: string; stage: string };
  actions: WorkflowAction[];
}

export const EMPTY: Draft = { name: '', enabled: true, trigger: { type: 'call.missed', phoneNumberId: '', tag: '', stage: '' }, actions: [{ type: 'add_tag', tag: 'smschat_ai' }] };

export function toDraft(w: Pick<Workflow, 'name' | 'enabled' | 'trigger' | 'actions'>): Draft {
  return {
    name: w.name,
    enabled: w.enabled,
    trigger: { type: w.trigger.type, phoneNumberId: w.trigger.phoneNumberId ?? '', tag: w.trigger.tag ?? '', stage: w.trigger.stage ?? '' },
    actions: w.actions.map((a) => ({ ...a })),
  };
}

export function toBody(d: Draft) {
  const t = d.trigger;
  const trigger: Record<string, string> = { type: t.type };
  if (NUMBER_TRIGGERS.includes(t.type) && t.phoneNumberId) trigger.phoneNumberId = t.phoneNumberId;
  if (TAG_TRIGGERS.includes(t.type) && t.tag.trim()) trigger.tag = t.tag.trim();
  if (t.type === 'contact.stage_changed' && t.stage.trim()) trigger.stage = t.stage.trim();
  const actions = d.actions.map((a) => {
    const copy = { ...a } as WorkflowAction;
    if (copy.if && Object.values(copy.if).every((v) => v === undefined || v === '')) delete copy.if;
    if (copy.type === 'notify' && (!copy.to || copy.to.length === 0)) delete copy.to;
    return copy;
  });
  return { name: d.name.trim(), enabled: d.enabled, trigger, actions };
}

export function newAction(type: WorkflowAction['type']): WorkflowAction {
  switch (type) {
    case 'add_tag':
    case 'remove_tag':
      return { type, tag: '' };
    case 'send_sms':
      return { type, body: 'Hi {{contact.first_name|there}}, ' };
    case 'wait':
      return { type, seconds: 3600 };
    case 'set_stage':
      return { type, stage: '' };
    case 'notify':
      return { type, body: '' };
    case 'webhook':
      return { type, url: 'https://' };
  }
}
