import { describe, expect, it } from "vitest";
import { collectEvents } from "./collect-events";

async function* count(to: number): AsyncGenerator<number> {
  for (let i = 1; i <= to; i++) yield i;
}

describe("collectEvents", () => {
  it("returns every event in order", async () => {
    expect(await collectEvents(count(3))).toEqual([1, 2, 3]);
  });

  it("passes on the stream's failure", async () => {
    async function* failing(): AsyncGenerator<number> {
      yield 1;
      throw new Error("cut");
    }
    await expect(collectEvents(failing())).rejects.toThrow("cut");
  });

  it("stops a stream that produces more than the limit", async () => {
    await expect(collectEvents(count(5), { limit: 4 })).rejects.toThrow(/more than 4 events/);
    expect(await collectEvents(count(4), { limit: 4 })).toHaveLength(4);
  });
});
