import type { ChatSession } from "./chat-session";
import { handleLine } from "./handle-line";

/** Exit code of a run interrupted by Ctrl-C (the shell's convention: 128 + SIGINT). */
export const INTERRUPTED = 130;

/**
 * `--message` mode: each message (or command) in order, then exit. Exit code 0, 1 when a turn or
 * command failed, or 130 when Ctrl-C cancelled a turn (the remaining messages are skipped).
 */
export async function runMessages(session: ChatSession, messages: readonly string[]): Promise<number> {
  const { io, ctrlC } = session;
  ctrlC.onCancel = () => io.notice("cancelling the turn… (the remaining messages are skipped; Ctrl-C again to quit)");
  ctrlC.onQuit = () => {
    session.save();
    process.exit(INTERRUPTED);
  };
  let failed = false;
  for (const message of messages) {
    io.line(`you ▸ ${message}`);
    const outcome = await handleLine(session, message);
    if (outcome === "cancelled") return INTERRUPTED;
    if (outcome === "quit") break;
    if (outcome === "failed") failed = true;
  }
  return failed ? 1 : 0;
}
