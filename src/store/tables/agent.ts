/** The AI agent: its settings, knowledge base and the log of its turns. */

export interface AgentSettingsTable {
  workspace_id: string;
  /** JSON: AgentSettings without the API key. */
  settings: string;
  api_key_ciphertext: string | null;
  updated_at: number;
}

export interface KnowledgeEntriesTable {
  id: string;
  workspace_id: string;
  title: string;
  content: string;
  created_at: number;
  updated_at: number;
  /** Where the entry came from (migration 010): typed in, a web page (re-importable), or a file. */
  source_type: string;
  source_url: string | null;
  /** The uploaded file's name. */
  source_name: string | null;
}

export interface KnowledgeChunksTable {
  id: string;
  workspace_id: string;
  entry_id: string;
  ordinal: number;
  title: string;
  text: string;
  /** JSON number[] from the workspace's embedding model (migration 010); null until indexed. */
  embedding: string | null;
  embedding_model: string | null;
}

export interface AgentTurnsTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  contact_id: string;
  trigger_message_id: string;
  /** running, replied, handoff, skipped, failed. */
  status: string;
  provider: string;
  model: string;
  /** JSON: the messages the model saw. */
  input: string;
  /** JSON: retrieved knowledge passages. */
  passages: string;
  /** JSON: tool calls and their results. */
  tool_calls: string;
  reply: string | null;
  reply_message_id: string | null;
  handoff_reason: string | null;
  error: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  latency_ms: number | null;
  created_at: number;
  updated_at: number;
}

/** Table name → row type, composed into `Database` by store/schema.ts. */
export interface AgentTables {
  agent_settings: AgentSettingsTable;
  knowledge_entries: KnowledgeEntriesTable;
  knowledge_chunks: KnowledgeChunksTable;
  agent_turns: AgentTurnsTable;
}
