import { type ExecuteOptions, guardEventStream, InvalidRequestError } from "@openharness/adapter-kit";
import { type ExecuteRequest, ExecuteRequestSchema, type ExecutionEvent } from "@openharness/types";
import { convertToLettaMessageParams, type LettaSendSettings } from "./convert-to-letta-message-params";
import type { LettaContext } from "./letta-context";
import { AgentIdField, LettaExecuteOptionsSchema } from "./letta-input-schemas";
import { LettaStreamMapper } from "./letta-stream-mapper";
import { openLettaTurn } from "./open-letta-turn";
import { parseLettaInput } from "./parse-letta-input";

/** Letta-specific options of `execute` and `executeStream`. */
export interface LettaExecuteOptions extends ExecuteOptions {
  /** Token streaming: text arrives in small fragments. Default true for `executeStream`, false for `execute`. */
  streamTokens?: boolean;
  /** Upper bound on agent steps (LLM calls) in this turn. Letta's default is 50. */
  maxSteps?: number;
  /** `execute` only: false uses Letta's synchronous endpoint instead of a stream. Default true. */
  stream?: boolean;
}

type Transport = Pick<LettaSendSettings, "streaming" | "streamTokens">;

/** The options of `execute` (`sync`) or `executeStream` (`stream`), checked, with the transport they ask for. */
export function parseLettaExecuteOptions(
  options: LettaExecuteOptions,
  operation: "sync" | "stream",
): { options: LettaExecuteOptions; transport: Transport } {
  const what = operation === "sync" ? "execute options" : "executeStream options";
  const valid = parseLettaInput(LettaExecuteOptionsSchema, options, what, { domain: "execution", operation });
  if (operation === "sync") {
    const streaming = valid.stream ?? true;
    return { options: valid, transport: { streaming, streamTokens: streaming && (valid.streamTokens ?? false) } };
  }
  if (valid.stream === false) {
    throw new InvalidRequestError({
      what,
      issues: [{ path: "stream", message: "only execute() can use the synchronous endpoint" }],
      harness: "Letta",
      domain: "execution",
      operation,
    });
  }
  return { options: valid, transport: { streaming: true, streamTokens: valid.streamTokens ?? true } };
}

/**
 * One turn as OpenHarness events: the request is checked (throwing here, before anything is
 * sent), sent once with a fresh `otid`, and Letta's frames go through the mapper and the kit's
 * guard, which ends the stream with exactly one `done` and cancels the run on abort.
 */
export function runLettaTurn(
  ctx: LettaContext,
  request: ExecuteRequest,
  options: LettaExecuteOptions,
  transport: Transport,
): AsyncIterable<ExecutionEvent> {
  const where = { domain: "execution", operation: transport.streaming ? "stream" : "sync" };
  const valid = parseLettaInput(ExecuteRequestSchema, request, "ExecuteRequest", where);
  const agentId = parseLettaInput(AgentIdField, valid, "ExecuteRequest", where).agent_id;
  const params = convertToLettaMessageParams(valid, { ...transport, maxSteps: options.maxSteps, otid: globalThis.crypto.randomUUID() });
  const mapper = new LettaStreamMapper({ includeThinking: options.includeThinking, requestMetadata: valid.metadata });
  const turn = openLettaTurn({
    client: ctx.client,
    agentId,
    params,
    idleTimeoutMs: ctx.options.idleTimeoutMs,
    signal: options.signal,
    runId: () => mapper.runId,
    mapError: (error) => ctx.mapError(error, { operation: "execute", resource: "agent", resourceId: agentId, domain: "execution" }),
  });
  return guardEventStream(turn.frames, {
    signal: options.signal,
    mapper,
    // A disconnect alone leaves the run going on Letta: cancel it before reporting `cancelled`.
    onAbort: () => turn.cancel(),
  });
}
