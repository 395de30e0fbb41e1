/**
 * The scripted model's decisions: what it answers to a chat-completions request, as a pure
 * function of the request. The end-to-end tests steer a real Letta agent through directives in
 * the user's message:
 *
 * | The user's message starts with | The model                                                              |
 * | ------------------------------- | ---------------------------------------------------------------------- |
 * | `remember: <fact>`              | calls `memory` to append the fact to `system/human.md`, then confirms  |
 * | `recall`                        | answers with its `human` block (system prompt) and facts saved since  |
 * | `call <tool> <json>`            | calls that tool with that input, then reports what it returned         |
 * | `think: <text>`                 | reasons (`reasoning_content`), then answers `<text>`                   |
 * | `slow`                          | streams a long answer slowly (something to cancel)                     |
 * | anything else                   | answers `You said: <message>`                                          |
 *
 * After a tool result the model reports it (`Tool <name> said: <result>`) and stops.
 */

/** One message of an OpenAI chat-completions request, as far as the script reads it. */
export interface ChatMessage {
  role: string;
  content?: string | { type: string; text?: string }[] | null;
  name?: string;
  tool_call_id?: string;
  tool_calls?: { id: string; function: { name: string; arguments: string } }[];
}

/** What the model does for one request. */
export type ScriptedReply =
  | { kind: "text"; text: string; reasoning?: string; slow?: boolean }
  | { kind: "tool_call"; id: string; name: string; arguments: string };

/** The model id the server lists; Letta names it `openai-compatible/<id>`. */
export const SCRIPTED_MODEL_ID = "scripted";

const partsText = (content: ChatMessage["content"]): string[] =>
  typeof content === "string" ? [content] : (content ?? []).map((part) => part.text ?? "");

/** The user's own words: Letta Code adds `<system-reminder>` parts (device, agent, MCP) before them. */
export function userText(message: ChatMessage): string {
  return partsText(message.content)
    .filter((part) => !part.trimStart().startsWith("<system-reminder>"))
    .join("\n")
    .trim();
}

/** A core-memory block's value as Letta Code renders it into the system prompt (`<human>` ... `</human>`). */
export function blockFromSystemPrompt(system: string, label: string): string | undefined {
  const match = new RegExp(`<${label}>\\n([\\s\\S]*?)\\n</${label}>`).exec(system);
  if (!match) return undefined;
  return (match[1] ?? "")
    .split("\n")
    .filter((line) => !/^\s*<(projection|description)>.*<\/\1>\s*$/.test(line))
    .map((line) => line.replace(/^ {2}/, ""))
    .join("\n");
}

/** What earlier turns of this conversation saved with the memory tool (`insert_text`, `file_text`). */
function savedFacts(messages: readonly ChatMessage[]): string[] {
  return messages.flatMap((message) =>
    (message.tool_calls ?? []).flatMap((call) => {
      if (call.function.name !== "memory") return [];
      try {
        const args = JSON.parse(call.function.arguments) as { insert_text?: string; file_text?: string };
        return [args.insert_text ?? args.file_text ?? ""].filter((fact) => fact !== "");
      } catch {
        return [];
      }
    }),
  );
}

let callCounter = 0;
const nextCallId = () => `call_scripted_${++callCounter}`;

/** Decides the reply to one chat-completions request. */
export function scriptReply(messages: readonly ChatMessage[]): ScriptedReply {
  const last = messages.at(-1);
  if (last?.role === "tool") {
    const call = messages
      .flatMap((message) => message.tool_calls ?? [])
      .find((toolCall) => toolCall.id === last.tool_call_id);
    // Without the commit hash a memory edit reports, the same turn reads the same every time.
    const result = partsText(last.content)
      .join("")
      .trim()
      .replace(/\s*\([0-9a-f]{7,40}\)/g, "");
    return { kind: "text", text: `Tool ${call?.function.name ?? "unknown"} said: ${result.slice(0, 400)}` };
  }
  const lastUser = [...messages].reverse().find((message) => message.role === "user");
  const text = lastUser ? userText(lastUser) : "";
  const system = partsText(messages.find((message) => message.role === "system")?.content).join("\n");

  const remember = /^remember:\s*([\s\S]+)$/i.exec(text);
  if (remember) {
    const fact = (remember[1] ?? "").trim();
    const current = blockFromSystemPrompt(system, "human");
    // Appends: Letta Code inserts before `insert_line` (1-based), clamped to the end of the block.
    const lines = current ? current.split("\n").length : 0;
    const args =
      current === undefined
        ? {
            command: "create",
            reason: "Remember what the user said",
            file_path: "system/human.md",
            description: "About the user",
            file_text: fact,
          }
        : {
            command: "insert",
            reason: "Remember what the user said",
            file_path: "system/human.md",
            insert_line: lines + 1,
            insert_text: fact,
          };
    return { kind: "tool_call", id: nextCallId(), name: "memory", arguments: JSON.stringify(args) };
  }
  if (/^recall\b/i.test(text)) {
    // A conversation keeps the system prompt it was compiled with: facts saved since are in its history.
    const saved = savedFacts(messages).filter((fact) => !(blockFromSystemPrompt(system, "human") ?? "").includes(fact));
    const block = [blockFromSystemPrompt(system, "human") ?? "", ...saved]
      .filter((part) => part.trim() !== "")
      .join("\n");
    return { kind: "text", text: `I remember: ${block || "(nothing yet)"}` };
  }
  const call = /^call\s+(\S+)\s*([\s\S]*)$/i.exec(text);
  if (call) {
    const input = (call[2] ?? "").trim() || "{}";
    return { kind: "tool_call", id: nextCallId(), name: call[1] ?? "", arguments: input };
  }
  const think = /^think:\s*([\s\S]+)$/i.exec(text);
  if (think)
    return { kind: "text", text: (think[1] ?? "").trim(), reasoning: "The user wants me to say exactly that." };
  if (/^slow\b/i.test(text))
    return { kind: "text", text: "This answer takes a long time to arrive. ".repeat(60), slow: true };
  return { kind: "text", text: `You said: ${text}` };
}
