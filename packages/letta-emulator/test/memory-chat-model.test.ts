import { describe, expect, it } from "vitest";
import { createTestAgent, useLettaEmulator } from "./support/emulator-fixture.js";

const fx = useLettaEmulator();

/** The demo model's reply to `question` for an agent whose `human` block holds `human`. */
async function replyTo(question: string, human: string): Promise<string | undefined> {
  const client = fx.client();
  const agent = await createTestAgent(client, {
    memory_blocks: [
      { label: "human", value: human, limit: 2000 },
      { label: "persona", value: "I am a helpful assistant.", limit: 2000 },
    ],
  });
  const response = await client.agents.messages.create(agent.id, { input: question });
  const reply = response.messages.find((m) => m.message_type === "assistant_message");
  return reply && "content" in reply ? String(reply.content) : undefined;
}

describe("the demo model answers from the human block", () => {
  it.each([
    ["What's my name?", "Name: Sam", "Your name is Sam."],
    ["who am i", "name: Sam Rivera\nLocation: Porto", "Your name is Sam Rivera."],
    ["Where do I live?", "Name: Sam\nLocation: Porto", "You live in Porto."],
    ["What's my favorite tea?", "Favorite tea: oolong", "Your favorite tea is oolong."],
    ["What's my name?", "The user's name is Ada.", "Your name is Ada."],
    ["What's my name?", "", "I don't know your name yet. Tell me and I'll remember it."],
  ])("%s with %j", async (question, human, expected) => {
    expect(await replyTo(question, human)).toBe(expected);
  });
});
