/**
 * The part of the Letta Code App Server protocol (WebSocket, "protocol V2", version 1) this
 * backend uses, written from what `@letta-ai/letta-code` 0.32.18 sends and accepts. Our own
 * types rather than the package's, so nothing of its 35 MB bundle is needed at runtime or build.
 */

/** The App Server protocol version this backend speaks. */
export const APP_SERVER_PROTOCOL_VERSION = 1;

/** Which agent and conversation a runtime event belongs to. */
export interface AppServerRuntime {
  agent_id: string | null;
  conversation_id: string;
}

/** `app_server_info_response`: what the server is and can do. */
export interface AppServerInfo {
  type: "app_server_info_response";
  backend: "local" | "api";
  letta_code_version: string;
  protocol_version: number;
  capabilities: Record<string, boolean | undefined>;
}

/** An agent as the App Server returns it (Letta's `AgentState`, the fields we read). */
export interface AppServerAgent {
  id: string;
  name: string;
  description?: string | null;
  system?: string | null;
  tags?: string[] | null;
  model?: string | null;
  metadata?: Record<string, unknown> | null;
  created_at?: string | null;
  updated_at?: string | null;
  last_run_completion?: string | null;
}

/** A conversation (Letta's `Conversation`, the fields we read). */
export interface AppServerConversation {
  id: string;
  agent_id?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
  summary?: string | null;
}

/** One file of an agent's memfs, from `list_memory` (front-matter already split off). */
export interface MemoryFileEntry {
  relative_path: string;
  is_system: boolean;
  description: string | null;
  content: string;
  size: number;
  kind?: "markdown" | "image";
}

/** A tool definition the connected client executes (`runtime_start.external_tools`). */
export interface ExternalToolDefinition {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** Anything the server sends: a response (`request_id` + `success`) or a pushed event. */
export interface AppServerMessage {
  type: string;
  request_id?: string;
  success?: boolean;
  error?: string;
  runtime?: AppServerRuntime;
  [key: string]: unknown;
}

/** `stream_delta`: one Letta message (`LettaStreamingResponse`) or a lifecycle delta. */
export interface StreamDeltaMessage extends AppServerMessage {
  type: "stream_delta";
  delta: { message_type?: string; [key: string]: unknown };
}

/** `turn_finished`: the turn's final stop reason and last run. */
export interface TurnFinishedMessage extends AppServerMessage {
  type: "turn_finished";
  stop_reason: string;
  run_id?: string;
  error?: string;
  usage?: Record<string, number | null | undefined>;
}

/** `control_request` (`can_use_tool`): the server asks whether a tool call may run. */
export interface ControlRequestMessage extends AppServerMessage {
  type: "control_request";
  request_id: string;
  request: { subtype: string; tool_name: string; tool_call_id: string; input: Record<string, unknown> };
}

/** `external_tool_call_request`: run one of our `external_tools` and answer with its result. */
export interface ExternalToolCallRequestMessage extends AppServerMessage {
  type: "external_tool_call_request";
  request_id: string;
  tool_call_id: string;
  tool_name: string;
  input: Record<string, unknown>;
}

/** Whether `message` is an event of `runtime` (same agent and conversation). */
export function isForRuntime(message: AppServerMessage, runtime: AppServerRuntime): boolean {
  const own =
    message.runtime ??
    (message.conversation_id ? { conversation_id: message.conversation_id, agent_id: message.agent_id } : undefined);
  return (
    own !== undefined &&
    own.conversation_id === runtime.conversation_id &&
    (own.agent_id ?? null) === (runtime.agent_id ?? null)
  );
}
