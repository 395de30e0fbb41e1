import { describe, expect, it } from "vitest";
import type { AppServerMessage } from "./app-server-messages";
import { localSessions } from "./local-sessions";

// The App Server's answers as its protocol types them (letta-code 0.32.18, `protocol_v2.d.ts`).
function sessionsAnswering(answer: (command: { type: string; [key: string]: unknown }) => Record<string, unknown>) {
  const commands: Array<{ type: string; [key: string]: unknown }> = [];
  const sessions = localSessions({
    request: async (command) => {
      commands.push(command);
      return { success: true, ...answer(command) } as unknown as AppServerMessage;
    },
    checkAgentId: (agentId) => String(agentId),
  });
  return { sessions, commands };
}

const user = (id: string, content: string) => ({
  id,
  message_type: "user_message",
  date: "2026-12-04T00:00:00Z",
  content,
});

describe("local sessions", () => {
  it("history shows what the user wrote, without the context Letta Code injected", async () => {
    const injected =
      "<system-reminder>\nThis is an automated message providing context.\n</system-reminder><system-reminder> About you.\n</system-reminder>\nMy name is Sam";
    const { sessions } = sessionsAnswering(() => ({
      messages: [user("message-1", injected), user("message-2", "no reminder <system-reminder>kept</system-reminder>")],
      has_more: false,
      next_before: null,
    }));
    const history = await sessions.history("local-conv-1");
    expect(history.map((m) => m.content)).toEqual([
      "My name is Sam",
      "no reminder <system-reminder>kept</system-reminder>",
    ]);
  });

  it("lists every page of conversations, walking the cursor until a page brings nothing new", async () => {
    const page = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({ id: `local-conv-${from + i}`, agent_id: "agent-local-1" }));
    const { sessions, commands } = sessionsAnswering((command) => {
      const after = (command.query as { after?: string }).after;
      return { conversations: after === undefined ? page(0, 100) : after === "local-conv-99" ? page(100, 5) : [] };
    });
    const listed = await sessions.list("agent-local-1");
    expect(listed).toHaveLength(105);
    expect(commands.map((c) => (c.query as { after?: string }).after)).toEqual([undefined, "local-conv-99"]);
  });
});
