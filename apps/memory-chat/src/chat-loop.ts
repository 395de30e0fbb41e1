import { createInterface } from "node:readline";
import type { ChatSession } from "./chat-session";
import { handleLine } from "./handle-line";

/**
 * The chat prompt. In a terminal: a `you ▸` prompt with line editing. With piped input: each line
 * is a message or a command, in order (echoed to the transcript), and the end of the input quits.
 * Ctrl-C cancels a running turn; at the prompt, or pressed twice, it quits. Returns the exit code.
 */
export async function runChatLoop(session: ChatSession, input: NodeJS.ReadStream = process.stdin): Promise<number> {
  const { io, ctrlC } = session;
  const interactive = Boolean(input.isTTY);
  const output = io.json ? process.stderr : process.stdout;
  const prompt = createInterface({
    input,
    output: interactive ? output : undefined,
    terminal: interactive && Boolean(output.isTTY),
    prompt: "you ▸ ",
  });
  let quitting = false;
  ctrlC.onCancel = () => io.notice("cancelling the turn… (Ctrl-C again to quit)");
  ctrlC.onQuit = (turnRunning) => {
    quitting = true;
    if (turnRunning) {
      // Pressed again while the turn is being cancelled: do not wait for it.
      session.save();
      process.exit(0);
    }
    if (interactive) output.write("\n"); // leave the prompt's line
    prompt.close();
  };
  // In a terminal, readline reads Ctrl-C as a key, not as a signal.
  prompt.on("SIGINT", () => ctrlC.press());

  // One reader for messages and for the answers a turn asks for (approvals), in input order.
  const lines = prompt[Symbol.asyncIterator]();
  session.ask = async (question) => {
    if (interactive) {
      prompt.setPrompt(question);
      prompt.prompt();
    } else io.write(question);
    const next = await lines.next();
    prompt.setPrompt("you ▸ ");
    const answer = next.done ? "" : next.value;
    if (!interactive) io.write(`${answer}\n`);
    return answer;
  };
  if (interactive) {
    io.line("Type a message, or /help for the commands. Ctrl-C cancels a turn; at the prompt, it quits.");
    prompt.prompt();
  }
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    const line = next.value;
    if (quitting) break;
    if (!interactive && line.trim() !== "") io.line(`you ▸ ${line.trim()}`);
    if ((await handleLine(session, line)) === "quit" || quitting) break;
    if (interactive) prompt.prompt();
  }
  prompt.close();
  return 0;
}
