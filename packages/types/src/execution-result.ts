import * as z from "zod";
import {
  type ApprovalRequestEvent,
  ApprovalRequestEventSchema,
  type MemoryUpdateEvent,
  MemoryUpdateEventSchema,
} from "./execution-event";
import { type JsonObject, JsonObjectSchema } from "./json-object";
import { type StopReason, StopReasonSchema } from "./stop-reason";
import { type Usage, UsageSchema } from "./usage";

/** One tool call of an execution, with its result when it has one. */
export interface ToolCallRecord {
  id: string;
  name: string;
  input: JsonObject;
  raw_input?: string;
  /** Absent while the call has no result (e.g. it awaits approval). */
  success?: boolean;
  output?: unknown;
  error?: string;
  stdout?: string;
  stderr?: string;
}

/** What `execute()` returns: the same facts a consumer would gather from the stream. */
export interface ExecutionResult {
  output: string;
  thinking?: string;
  tool_calls: ToolCallRecord[];
  usage: Usage;
  stop_reason: StopReason;
  raw_stop_reason?: string;
  /** Harness facts about the execution, such as Letta's `run_id`. */
  metadata: JsonObject;
  /** With `stop_reason: "requires_approval"`: what waits for `respondToApproval`. */
  approval_request?: ApprovalRequest;
  /** The changes the agent made to its memory during the turn, in order. */
  memory_updates?: MemoryUpdate[];
}

/** A pending approval request, as {@link ApprovalRequestEvent} carries it. */
export type ApprovalRequest = Omit<ApprovalRequestEvent, "type">;

/** One memory change, as {@link MemoryUpdateEvent} carries it. */
export type MemoryUpdate = Omit<MemoryUpdateEvent, "type">;

/** Schema for {@link ToolCallRecord}. */
export const ToolCallRecordSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  input: JsonObjectSchema,
  raw_input: z.string().optional(),
  success: z.boolean().optional(),
  output: z.unknown().optional(),
  error: z.string().optional(),
  stdout: z.string().optional(),
  stderr: z.string().optional(),
});

/** Schema for {@link ExecutionResult}. */
export const ExecutionResultSchema = z.object({
  output: z.string(),
  thinking: z.string().optional(),
  tool_calls: z.array(ToolCallRecordSchema),
  usage: UsageSchema,
  stop_reason: StopReasonSchema,
  raw_stop_reason: z.string().optional(),
  metadata: JsonObjectSchema,
  approval_request: ApprovalRequestEventSchema.omit({ type: true }).optional(),
  memory_updates: z.array(MemoryUpdateEventSchema.omit({ type: true })).optional(),
});
