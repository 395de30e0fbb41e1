import type { LettaStreamingResponse } from "@letta-ai/letta-client/resources/agents/messages";
import { describe, expect, it } from "vitest";
import { LettaStreamCursor } from "./letta-stream-cursor";

const chunk = (seq_id: number, content: string) =>
  ({ message_type: "assistant_message", id: "message-1", content, seq_id }) as unknown as LettaStreamingResponse;
// Keepalive pings repeat the last seq_id seen (wire fact 7); they are not stored in the run's stream.
const ping = (seq_id: number) => ({ message_type: "ping", seq_id }) as unknown as LettaStreamingResponse;
const stopReason = { message_type: "stop_reason", stop_reason: "end_turn" } as LettaStreamingResponse;
const usage = { message_type: "usage_statistics", total_tokens: 3 } as LettaStreamingResponse;

describe("LettaStreamCursor", () => {
  it("remembers the last numbered chunk, where a re-attached stream starts", () => {
    const cursor = new LettaStreamCursor();
    expect(cursor.lastSeq).toBe(0);
    expect(cursor.read(chunk(1, "a"))).toBe("new");
    expect(cursor.read(chunk(2, "b"))).toBe("new");
    expect(cursor.lastSeq).toBe(2);
  });

  it("passes pings on without counting them as progress or as stored chunks", () => {
    const cursor = new LettaStreamCursor();
    cursor.read(chunk(4, "a"));
    expect(cursor.read(stopReason)).toBe("read");
    expect(cursor.read(ping(4))).toBe("read");
    cursor.reattach();
    // The stop reason is re-sent after seq 4 (it is stored, unnumbered on the wire); the ping is not.
    expect(cursor.read(stopReason)).toBe("repeated");
    expect(cursor.read(usage)).toBe("read");
  });

  it("skips exactly the unnumbered chunks read since the last numbered one, once", () => {
    const cursor = new LettaStreamCursor();
    cursor.read(chunk(7, "a"));
    cursor.read(stopReason);
    cursor.reattach();
    expect(cursor.read(stopReason)).toBe("repeated");
    expect(cursor.read(usage)).toBe("read");
    expect(cursor.usageRead).toBe(true);
  });

  it("knows when the usage arrived: then the run's stream has nothing more the turn needs", () => {
    const cursor = new LettaStreamCursor();
    cursor.read(chunk(1, "a"));
    expect(cursor.usageRead).toBe(false);
    cursor.read(stopReason);
    expect(cursor.usageRead).toBe(false);
    cursor.read(usage);
    expect(cursor.usageRead).toBe(true);
  });

  it("stops skipping at a numbered chunk (the re-attached stream went past the repeats)", () => {
    const cursor = new LettaStreamCursor();
    cursor.read(chunk(1, "a"));
    cursor.read(stopReason);
    cursor.reattach();
    expect(cursor.read(chunk(2, "b"))).toBe("new");
    expect(cursor.read(stopReason)).toBe("read");
  });
});
