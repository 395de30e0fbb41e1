import type { ApprovalDecision, ApprovalRequest, JsonObject } from "@openharness/types";
import type * as z from "zod";

/**
 * The caller's answer to an approval request: one answer for every tool call of the request
 * (`{ approve: true }`, `{ approve: false, reason }`), or a decision per call (`{ decisions }`,
 * which must decide each call of the request exactly once).
 */
export type ApprovalAnswer =
  | { approve: true }
  | { approve: false; reason?: string }
  | { decisions: ApprovalDecision[] };

/**
 * A tool that runs in the caller's process: the harness asks for it by `name`, the adapter
 * validates the arguments against `input_schema`, calls `execute` and sends the result (a throw
 * is sent as a failed result) back to the turn. `input_schema` is a JSON Schema of the arguments
 * object or a zod schema; with a zod schema, `execute` receives its parsed output.
 */
export interface ClientTool<Input = JsonObject> {
  name: string;
  description?: string;
  input_schema: JsonObject | z.ZodType<Input>;
  /** Cancelled through `signal` when the turn is (abort, or the turn ending). */
  execute(input: Input, context: { signal: AbortSignal }): unknown;
}

/** Per-call options of `execute` and `executeStream`. */
export interface ExecuteOptions {
  /** Aborting cancels the execution (on the harness too, where it can) and ends the stream. */
  signal?: AbortSignal;
  /** Emit `thinking` events (default true). */
  includeThinking?: boolean;
  /**
   * Answers approval requests in the stream: the `approval_request` event is still emitted, then
   * the turn continues with the answer, so the caller sees one turn ending in one `done`. Without
   * it, the stream ends with `done { stop_reason: "requires_approval" }` and `respondToApproval`
   * continues it. A harness without approvals rejects this option with `UnsupportedFeatureError`.
   */
  onApproval?: (request: ApprovalRequest, context: { signal: AbortSignal }) => ApprovalAnswer | Promise<ApprovalAnswer>;
  /** Tools the agent may call for this turn, run in this process (see {@link ClientTool}). */
  // biome-ignore lint/suspicious/noExplicitAny: each tool has its own input type; `any` lets a list mix them.
  clientTools?: ClientTool<any>[];
}
