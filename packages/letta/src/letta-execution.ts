import { type ExecuteOptions, InvalidRequestError } from "@openharness/adapter-kit";
import { type ExecuteRequest, ExecuteRequestSchema, type ExecutionEvent } from "@openharness/types";
import { ClientToolRunner } from "./client-tool-runner";
import { convertToLettaMessageParams, type LettaSendSettings } from "./convert-to-letta-message-params";
import type { LettaContext } from "./letta-context";
import { AgentIdField, LettaExecuteOptionsSchema } from "./letta-input-schemas";
import { lettaTurnStream } from "./letta-turn-stream";
import { checkLettaId, parseLettaInput } from "./parse-letta-input";
import { plainExecuteOptions, plainExecuteRequest } from "./plain-letta-input";

/** Letta-specific options of `execute` and `executeStream`. */
export interface LettaExecuteOptions extends ExecuteOptions {
  /** Token streaming: text arrives in small fragments. Default true for `executeStream`, false for `execute`. */
  streamTokens?: boolean;
  /** Upper bound on agent steps (LLM calls) in this turn. Letta's default is 50. */
  maxSteps?: number;
  /** `execute` only: false uses Letta's synchronous endpoint instead of a stream. Default true. */
  stream?: boolean;
  /**
   * Emit `memory_update` events (default true): the agent's blocks and newest passages are read
   * at the start of the turn and after each tool return, and what changed is reported.
   */
  memoryEvents?: boolean;
}

type Transport = Pick<LettaSendSettings, "streaming" | "streamTokens">;

/** The options of `execute` (`sync`) or `executeStream` (`stream`), checked, with the transport they ask for. */
export function parseLettaExecuteOptions(
  options: LettaExecuteOptions,
  operation: "sync" | "stream",
): { options: LettaExecuteOptions; transport: Transport } {
  const what = operation === "sync" ? "execute options" : "executeStream options";
  // The schema checks the shape; the functions and tools it lets through keep their own types.
  const valid =
    plainExecuteOptions(options) ??
    (parseLettaInput(LettaExecuteOptionsSchema, options, what, {
      domain: "execution",
      operation,
    }) as LettaExecuteOptions);
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
 * One turn as OpenHarness events: the request and the client tools are checked (throwing here,
 * before anything is sent), the message is sent once with a fresh `otid`, and the turn is read
 * to its end, across approvals and client-tool returns (see {@link lettaTurnStream}).
 */
export function runLettaTurn(
  ctx: LettaContext,
  request: ExecuteRequest,
  options: LettaExecuteOptions,
  transport: Transport,
): AsyncIterable<ExecutionEvent> {
  const operation = transport.streaming ? "stream" : "sync";
  const where = { domain: "execution", operation };
  const valid = plainExecuteRequest(request) ?? parseLettaInput(ExecuteRequestSchema, request, "ExecuteRequest", where);
  checkLettaId(valid.agent_id, "agent_id", "ExecuteRequest", where);
  // A string is a checked agent id by now: the schema is only needed to say that one is missing.
  const agentId = valid.agent_id ?? parseLettaInput(AgentIdField, valid, "ExecuteRequest", where).agent_id;
  checkLettaId(valid.session_id, "session_id", "ExecuteRequest", where);
  const tools = new ClientToolRunner(options.clientTools, { harness: "Letta", operation });
  const params = convertToLettaMessageParams(valid, {
    ...transport,
    maxSteps: options.maxSteps,
    otid: globalThis.crypto.randomUUID(),
  });
  if (tools.declarations.length > 0) params.client_tools = tools.declarations;
  return lettaTurnStream(ctx, {
    agentId,
    conversationId: valid.session_id,
    first: async () => ({ params }),
    options,
    tools,
    requestMetadata: valid.metadata,
  });
}
