import * as z from "zod";
import { type JsonObject, JsonObjectSchema } from "./json-object";

/**
 * One turn sent to an agent. Field names are the OpenHarness wire names. An adapter honours
 * every field it receives or rejects the request; it never drops one silently.
 */
export interface ExecuteRequest {
  /** The user's message. */
  message: string;
  /** The agent that runs the turn. */
  agent_id?: string;
  /** A conversation within the agent, where the harness has sessions. */
  session_id?: string;
  /** Extra system context for this turn only. */
  system_prompt?: string;
  /** Model override for this turn only (harness-specific handle). */
  model?: string;
  /** Upper bound on output tokens for this turn. */
  max_tokens?: number;
  /** Sampling temperature for this turn. */
  temperature?: number;
  /** Names of tools the turn may use. */
  tools?: string[];
  /** Skills the turn may use. */
  skills?: string[];
  /** Caller metadata, echoed where the harness stores it. */
  metadata?: JsonObject;
}

/** Schema for {@link ExecuteRequest}, with the spec's bounds; unknown keys are rejected, not dropped. */
export const ExecuteRequestSchema = z.strictObject({
  message: z.string().min(1).max(100_000),
  agent_id: z.string().min(1).optional(),
  session_id: z.string().min(1).optional(),
  system_prompt: z.string().optional(),
  model: z.string().min(1).optional(),
  max_tokens: z.number().int().min(1).max(200_000).optional(),
  temperature: z.number().min(0).max(1).optional(),
  tools: z.array(z.string().min(1)).optional(),
  skills: z.array(z.string().min(1)).optional(),
  metadata: JsonObjectSchema.optional(),
});
