import { describe, expect, it } from "vitest";
import { SseLineDecoder } from "./sse-line-decoder";

/** The lines of `chunks` fed one after another, then the stream ended. */
function linesOf(chunks: (string | Uint8Array)[]): string[] {
  const decoder = new SseLineDecoder();
  const lines: string[] = [];
  for (const chunk of chunks) decoder.push(chunk, (line) => lines.push(line));
  decoder.end((line) => lines.push(line));
  return lines;
}

describe("SseLineDecoder", () => {
  it("ends lines at LF, CRLF and CR, a CRLF split across chunks counting once", () => {
    expect(linesOf(["a\nb\r\nc\rd"])).toEqual(["a", "b", "c", "d"]);
    expect(linesOf(["a\r", "\nb\r", "", "\n"])).toEqual(["a", "b"]);
    expect(linesOf(["a\r", "\r", "b"])).toEqual(["a", "", "b"]);
  });

  it("joins a UTF-8 character split across byte chunks, and drops only an opening BOM", () => {
    const bytes = new TextEncoder().encode("\uFEFFolá 🙂\n\uFEFFx\n");
    const chunks = Array.from(bytes, (byte) => Uint8Array.of(byte));
    expect(linesOf(chunks)).toEqual(["olá 🙂", "\uFEFFx"]);
  });

  it("is ready for a new stream after end(), and stays after a line whose handler threw", () => {
    const decoder = new SseLineDecoder();
    const lines: string[] = [];
    expect(() =>
      decoder.push("bad\ngood\n", (line) => {
        if (line === "bad") throw new Error("no");
        lines.push(line);
      }),
    ).toThrow("no");
    decoder.push("", (line) => lines.push(line));
    decoder.end((line) => lines.push(line));
    decoder.push("\uFEFFnext", (line) => lines.push(line));
    decoder.end((line) => lines.push(line));
    expect(lines).toEqual(["good", "next"]);
  });
});
