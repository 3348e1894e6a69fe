/** A workspace and what it owns to reach a carrier: keys, carrier accounts, phone numbers. */

export interface WorkspacesTable {
  id: string;
  name: string;
  business_name: string;
  timezone: string;
  /** JSON: WorkspaceSettings. */
  settings: string;
  created_at: number;
  updated_at: number;
}

export interface ApiKeysTable {
  id: string;
  workspace_id: string;
  name: string;
  /** SHA-256 of the key: the key itself is shown once and never stored. */
  key_hash: string;
  key_prefix: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface CarrierAccountsTable {
  id: string;
  workspace_id: string;
  carrier: string;
  /** Public account identifier (Twilio AccountSid). */
  account_id: string;
  /** AES-256-GCM ciphertext of the credential (Twilio auth token). */
  secret_ciphertext: string;
  /** AES-256-GCM ciphertext of a JSON object of the carrier's further settings and keys, or null. */
  extra_ciphertext: string | null;
  created_at: number;
  updated_at: number;
}

export interface CallEventSecretsTable {
  workspace_id: string;
  /** AES-256-GCM ciphertext of the HMAC secret a phone system signs call events with. */
  secret_ciphertext: string;
  created_at: number;
  updated_at: number;
}

export interface PhoneNumbersTable {
  id: string;
  workspace_id: string;
  number: string;
  carrier: string;
  name: string;
  /** JSON: PhoneNumberSettings (forwarding, voicemail, text-back). */
  settings: string;
  /** The carrier's own id for the number (Twilio `PN…`), known once imported or matched. */
  carrier_number_id: string | null;
  /** Twilio Messaging Service (`MG…`) the number sends through; sends carry it and From. */
  messaging_service_sid: string | null;
  /** JSON: the last texting-readiness check ({status, checks, checkedAt}); null before the first. */
  readiness: string | null;
  /** Sender-blocking carrier errors (30034, 30032, 30007…) since the last delivered text. */
  sender_block_strikes: number;
  /** Set when repeated sender-blocking errors paused text-back; cleared when the owner resumes. */
  textback_paused_at: number | null;
  textback_paused_reason: string | null;
  created_at: number;
  updated_at: number;
}

/** Table name → row type, composed into `Database` by store/schema.ts. */
export interface WorkspaceTables {
  workspaces: WorkspacesTable;
  api_keys: ApiKeysTable;
  carrier_accounts: CarrierAccountsTable;
  call_event_secrets: CallEventSecretsTable;
  phone_numbers: PhoneNumbersTable;
}
