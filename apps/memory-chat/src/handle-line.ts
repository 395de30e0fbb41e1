import { runCommand } from "./chat-commands";
import type { ChatSession } from "./chat-session";
import { runTurn } from "./run-turn";

/** How a line went: `failed` for an error, `cancelled` for a turn cut short by Ctrl-C. */
export type LineOutcome = "ok" | "failed" | "cancelled" | "quit";

/** One line of input: a `/command`, or a message for the agent. */
export async function handleLine(session: ChatSession, line: string): Promise<LineOutcome> {
  const text = line.trim();
  if (text === "") return "ok";
  if (text.startsWith("/")) {
    const outcome = await runCommand(session, text);
    return outcome === undefined ? "failed" : outcome === "quit" ? "quit" : "ok";
  }
  const done = await runTurn(session, text);
  if (done?.stop_reason === "cancelled") return "cancelled";
  return done === undefined || done.stop_reason === "error" ? "failed" : "ok";
}
