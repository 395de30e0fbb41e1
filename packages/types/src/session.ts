import * as z from "zod";
import { type ToolCall, ToolCallSchema } from "./execution-event";
import { type JsonObject, JsonObjectSchema } from "./json-object";

/**
 * A conversation with an agent. An agent can have many; they share the agent's memory and each
 * keeps its own message history. Send a turn to one with `ExecuteRequest.session_id`.
 */
export interface Session {
  id: string;
  agent_id: string;
  name?: string;
  created_at?: string;
  updated_at?: string;
  metadata?: JsonObject;
}

/** Options of `sessions.create`. */
export interface CreateSessionRequest {
  name?: string;
  metadata?: JsonObject;
}

/** Which part of a session's history to read: messages `before`/`after` a message id, at most `limit`. */
export interface SessionHistoryOptions {
  before?: string;
  after?: string;
  limit?: number;
}

/** Who wrote a {@link Message}. */
export const MESSAGE_ROLES = ["user", "assistant", "tool", "system"] as const;

/** One of {@link MESSAGE_ROLES}. */
export type MessageRole = (typeof MESSAGE_ROLES)[number];

/**
 * One message of a session's history, oldest first. An assistant message may carry the tool
 * calls it made; a `tool` message is one call's result, with `tool_call_id`.
 */
export interface Message {
  id: string;
  role: MessageRole;
  content: string;
  created_at?: string;
  /** The agent's reasoning before this message, when the harness keeps it. */
  thinking?: string;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
}

/** Schema for {@link Session}. */
export const SessionSchema = z.object({
  id: z.string().min(1),
  agent_id: z.string().min(1),
  name: z.string().optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
  metadata: JsonObjectSchema.optional(),
});

/** Schema for {@link CreateSessionRequest}; unknown keys are rejected. */
export const CreateSessionRequestSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  metadata: JsonObjectSchema.optional(),
});

/** Schema for {@link SessionHistoryOptions}; unknown keys are rejected. */
export const SessionHistoryOptionsSchema = z.strictObject({
  before: z.string().min(1).optional(),
  after: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

/** Schema for {@link Message}. */
export const MessageSchema = z.object({
  id: z.string().min(1),
  role: z.enum(MESSAGE_ROLES),
  content: z.string(),
  created_at: z.string().optional(),
  thinking: z.string().optional(),
  tool_calls: z.array(ToolCallSchema).optional(),
  tool_call_id: z.string().min(1).optional(),
});
