/**
 * Words for workflows: trigger and action names as a business owner reads them, and a one-line
 * summary of a workflow for the list.
 */
import type { TriggerType, WorkflowAction, WorkflowTrigger } from './types';

export const TRIGGERS: Array<{ value: TriggerType; label: string }> = [
  { value: 'call.missed', label: 'A call is missed' },
  { value: 'voicemail.received', label: 'A voicemail is left' },
  { value: 'call.answered', label: 'A call is answered' },
  { value: 'message.received', label: 'A text comes in' },
  { value: 'contact.created', label: 'A new contact is created' },
  { value: 'contact.tag_added', label: 'A tag is added to a contact' },
  { value: 'contact.tag_removed', label: 'A tag is removed from a contact' },
  { value: 'contact.stage_changed', label: 'A contact moves to a stage' },
];

export const NUMBER_TRIGGERS: TriggerType[] = ['call.missed', 'call.answered', 'voicemail.received', 'message.received'];
export const TAG_TRIGGERS: TriggerType[] = ['contact.tag_added', 'contact.tag_removed'];

export const ACTIONS: Array<{ value: WorkflowAction['type']; label: string }> = [
  { value: 'add_tag', label: 'Add a tag' },
  { value: 'remove_tag', label: 'Remove a tag' },
  { value: 'send_sms', label: 'Send a text to the contact' },
  { value: 'wait', label: 'Wait' },
  { value: 'set_stage', label: 'Move to a pipeline stage' },
  { value: 'notify', label: 'Text your team' },
  { value: 'webhook', label: 'Send to a webhook (URL)' },
];

export function triggerLabel(type: string): string {
  return TRIGGERS.find((t) => t.value === type)?.label ?? type;
}

export function actionLabel(type: string): string {
  return ACTIONS.find((a) => a.value === type)?.label ?? type.replace(/_/g, ' ');
}

export function describeTrigger(t: WorkflowTrigger, numberName?: (id: string) => string): string {
  let s = triggerLabel(t.type);
  if (t.tag) s += ` (“${t.tag}”)`;
  if (t.stage) s += ` (“${t.stage}”)`;
  if (t.phoneNumberId) s += ` on ${numberName ? numberName(t.phoneNumberId) : 'one number'}`;
  return s;
}

/** "1 h 30 min" style text for a wait. */
export function describeSeconds(seconds: number): string {
  if (seconds % 86400 === 0) return seconds === 86400 ? '1 day' : `${seconds / 86400} days`;
  if (seconds % 3600 === 0) return seconds === 3600 ? '1 hour' : `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? '1 minute' : `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}

export function describeAction(a: WorkflowAction): string {
  switch (a.type) {
    case 'add_tag':
      return `Add tag “${a.tag}”`;
    case 'remove_tag':
      return `Remove tag “${a.tag}”`;
    case 'send_sms':
      return `Text: “${a.body.length > 60 ? `${a.body.slice(0, 57)}…` : a.body}”`;
    case 'wait':
      return `Wait ${describeSeconds(a.seconds)}`;
    case 'set_stage':
      return `Move to “${a.stage}”`;
    case 'notify':
      return a.to && a.to.length ? `Text ${a.to.join(', ')}` : 'Text your team';
    case 'webhook':
      return `Send to ${a.url}`;
    default:
      return 'Action';
  }
}

/** Ready-made workflows that cover what most businesses want first. */
export const RECIPES: Array<{ name: string; description: string; trigger: WorkflowTrigger; actions: WorkflowAction[] }> = [
  {
    name: 'Let the AI agent answer missed callers',
    description: 'Tags everyone whose call you miss, so the AI agent picks up their reply to the text-back.',
    trigger: { type: 'call.missed' },
    actions: [{ type: 'add_tag', tag: 'smschat_ai' }],
  },
  {
    name: 'Tell the team about voicemails',
    description: 'Texts your staff numbers when someone leaves a voicemail.',
    trigger: { type: 'voicemail.received' },
    actions: [{ type: 'notify', body: 'New voicemail for {{business.name}} from {{contact.name|a caller}}. Check the Textback inbox.' }],
  },
  {
    name: 'Follow up next day',
    description: 'If a missed caller has not been handled a day later, send one friendly follow-up.',
    trigger: { type: 'call.missed' },
    actions: [
      { type: 'wait', seconds: 86400 },
      { type: 'send_sms', body: 'Hi {{contact.first_name|there}}, just checking in from {{business.name}}. Can we help with anything? Reply here.', if: { lacksTag: 'handled' } },
    ],
  },
];
