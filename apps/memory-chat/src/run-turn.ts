import { type DoneEvent, LettaLocalAdapter } from "@openharness/letta";
import type { ChatSession } from "./chat-session";
import { describeError } from "./describe-error";
import { TurnPrinter } from "./turn-printer";

/**
 * Sends one message to the agent and shows the turn as it streams (or, with `--json`, prints each
 * event as a line of JSON). Ctrl-C aborts the signal: the adapter cancels the run on Letta and the
 * stream ends with `done` (`stop_reason: "cancelled"`). Returns the `done` event.
 */
export async function runTurn(session: ChatSession, message: string): Promise<DoneEvent | undefined> {
  const { io } = session;
  const printer = new TurnPrinter(io, session.memory);
  const signal = session.ctrlC.startTurn();
  let done: DoneEvent | undefined;
  try {
    const { adapter } = session;
    const request = { message, agent_id: session.agent.id };
    const options = { signal, includeThinking: session.includeThinking };
    // The App Server streams tokens as the model sends them; over REST they are asked for.
    const events =
      adapter instanceof LettaLocalAdapter ? adapter.executeStream(request, options) : adapter.executeStream(request, { ...options, streamTokens: true });
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
