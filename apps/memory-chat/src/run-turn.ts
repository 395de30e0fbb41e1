import { type ApprovalAnswer, type ApprovalRequest, type DoneEvent, LettaLocalAdapter } from "@openharness/letta";
import type { ChatSession } from "./chat-session";
import { TurnPrinter } from "./turn-printer";
import { describeError } from "@openharness/example-support";

/** Asks y/n for each call of an approval request, in the terminal (or the next piped line). */
async function askApproval(session: ChatSession, request: ApprovalRequest): Promise<ApprovalAnswer> {
  const decisions = [];
  for (const call of request.tool_calls) {
    const answer = await session.ask(`approve ${call.name} ${JSON.stringify(call.input)}? [y/N] `);
    const approve = /^y(?:es)?$/i.test(answer.trim());
    decisions.push(
      approve ? { tool_call_id: call.id, approve } : { tool_call_id: call.id, approve, reason: "the user said no" },
    );
  }
  return { decisions };
}

/**
 * Sends one message to the agent and shows the turn as it streams (or, with `--json`, prints each
 * event as a line of JSON). Tool calls that need approval are asked about (y/n); `/tools` adds a
 * TypeScript tool the agent may call. Ctrl-C aborts the signal: the adapter cancels the run on Letta and the
 * stream ends with `done` (`stop_reason: "cancelled"`). Returns the `done` event.
 */
export async function runTurn(session: ChatSession, message: string): Promise<DoneEvent | undefined> {
  const { io } = session;
  const printer = new TurnPrinter(io, session.memory, {
    memoryEvents: session.adapter.capabilities.isSupported("memory", "update-events"),
  });
  const signal = session.ctrlC.startTurn();
  let done: DoneEvent | undefined;
  try {
    const { adapter } = session;
    const request = {
      message,
      agent_id: session.agent.id,
      ...(session.sessionId ? { session_id: session.sessionId } : {}),
    };
    const options = { signal, includeThinking: session.includeThinking };
    // The App Server streams tokens as the model sends them (and keeps its own tool policy for now);
    // over REST tokens are asked for, and approvals and /tools go through the contract's options.
    const events =
      adapter instanceof LettaLocalAdapter
        ? adapter.executeStream(request, options)
        : adapter.executeStream(request, {
            ...options,
            streamTokens: true,
            clientTools: session.clientTools,
            onApproval: (pending) => askApproval(session, pending),
          });
    for await (const event of events) {
      if (event.type === "done") done = event;
      if (io.json) io.event(event);
      else await printer.print(event);
    }
  } catch (error) {
    // The stream reports failures as `error` + `done` events; this is for input it refused.
    io.notice(describeError("the turn failed", error));
  } finally {
    session.ctrlC.endTurn();
    session.save();
  }
  return done;
}
