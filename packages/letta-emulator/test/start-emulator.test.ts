import Letta, { APIConnectionError } from "@letta-ai/letta-client";
import { expect, it } from "vitest";
import { startLettaEmulator } from "../src/index.js";

it("startLettaEmulator serves the emulator through msw/node until closed", async () => {
  const running = await startLettaEmulator({ apiKey: "k", onUnhandledRequest: "error" });
  const client = new Letta({ apiKey: "k", baseURL: running.baseUrl, maxRetries: 0, timeout: 2_000, logLevel: "off" });
  const agent = await client.agents.create({
    model: "openai/gpt-4o-mini",
    memory_blocks: [{ label: "human", value: "" }],
  });
  const reply = await client.agents.messages.create(agent.id, { input: "My name is Robin" });
  expect(reply.messages.at(-1)).toMatchObject({ content: "Nice to meet you, Robin! I'll remember that." });
  expect(running.emulator.state.agents[agent.id]).toBeDefined();
  await running.close();
  expect(running.emulator.pendingTimers).toBe(0);
  const after = await client.agents.list().catch((e: unknown) => e);
  expect(after).toBeInstanceOf(APIConnectionError);
});
