import type { ExecutionEvent } from "@openharness/types";
import { describe, expect, it } from "vitest";
import { useLettaEmulator } from "../test/support/emulator-fixture";

const { emulator, newAdapter } = useLettaEmulator();

async function turnWith(hiddenReasoning: "redacted" | "omitted", streamTokens: boolean): Promise<ExecutionEvent[]> {
  const letta = newAdapter();
  const agent_id = await letta.createAgent({});
  emulator.script([{ hiddenReasoning, assistant: "The answer is 42." }]);
  const events: ExecutionEvent[] = [];
  for await (const event of letta.executeStream(
    { message: "think hard", agent_id },
    { streamTokens, memoryEvents: false },
  ))
    events.push(event);
  return events;
}

describe("hidden reasoning, as Anthropic and OpenAI models send it through Letta", () => {
  for (const streamTokens of [true, false]) {
    it(`Anthropic's encrypted redacted thinking: one redacted marker, never the blob (streamTokens ${streamTokens})`, async () => {
      const events = await turnWith("redacted", streamTokens);
      expect(events.filter((e) => e.type === "thinking")).toEqual([{ type: "thinking", thinking: "", redacted: true }]);
      expect(JSON.stringify(events)).not.toMatch(/[A-Za-z0-9+/]{40,}/);
    });

    it(`OpenAI's omitted reasoning: one redacted marker, not a stream of empty events (streamTokens ${streamTokens})`, async () => {
      const events = await turnWith("omitted", streamTokens);
      expect(events.filter((e) => e.type === "thinking")).toEqual([{ type: "thinking", thinking: "", redacted: true }]);
      expect(
        events
          .filter((e) => e.type === "text")
          .map((e) => (e as { content: string }).content)
          .join(""),
      ).toBe("The answer is 42.");
    });
  }
});
