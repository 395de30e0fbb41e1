import type { ExecutionEvent } from "@openharness/types";
import * as z from "zod";
import { ClientToolRunner } from "./client-tool-runner";
import type { LettaContext } from "./letta-context";
import { type LettaExecuteOptions, parseLettaExecuteOptions } from "./letta-execution";
import { lettaId } from "./letta-input-schemas";
import { lettaTurnStream } from "./letta-turn-stream";
import { parseLettaInput } from "./parse-letta-input";

/** Which turn in flight to join: a run of an agent, in one of its sessions or its default conversation. */
export interface JoinRunRequest {
  agent_id: string;
  /** The run: `AgentBusyError.runId`, `StreamInterruptedError.runId` or `done.metadata.run_id`. */
  run_id: string;
  /** The session (Letta conversation) the run belongs to; cancelling the join cancels there. */
  session_id?: string;
}

const JoinRunRequestSchema = z.strictObject({
  agent_id: lettaId("agent"),
  run_id: lettaId("run"),
  session_id: lettaId("conv").optional(),
});

/**
 * The events of a run already going on Letta, from its start, without sending anything: the run's
 * stored stream (background mode, as this adapter streams) read like a turn of its own, resumed if
 * it drops, with approvals and client tools handled as in `executeStream`.
 */
export function joinLettaRun(
  ctx: LettaContext,
  request: JoinRunRequest,
  options: LettaExecuteOptions,
): AsyncIterable<ExecutionEvent> {
  const where = { domain: "execution", operation: "stream" };
  const valid = parseLettaInput(JoinRunRequestSchema, request, "joinRun request", where);
  const checked = parseLettaExecuteOptions(options, "stream");
  const tools = new ClientToolRunner(checked.options.clientTools, { harness: "Letta", operation: "stream" });
  const { streamTokens } = checked.transport;
  return lettaTurnStream(ctx, {
    agentId: valid.agent_id,
    conversationId: valid.session_id,
    // The requests after an approval are shaped like the turn's own.
    first: async () => ({
      params: { streaming: true, stream_tokens: streamTokens, include_pings: true },
      join: valid.run_id,
    }),
    options: checked.options,
    tools,
  });
}
