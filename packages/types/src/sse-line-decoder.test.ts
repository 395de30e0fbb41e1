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
    // After a CR that ended a chunk, only the very next LF belongs to it.
    expect(linesOf(["a\r", "b\n\nc\n"])).toEqual(["a", "b", "", "c"]);
  });

  it("keeps an empty first line, and ends with the text after the last line break", () => {
    expect(linesOf(["\nabc\n"])).toEqual(["", "abc"]);
    expect(linesOf(["x\ny"])).toEqual(["x", "y"]);
  });

  it("joins a UTF-8 character split across byte chunks, and drops only an opening BOM", () => {
    const bytes = new TextEncoder().encode("\uFEFFolá 🙂\n\uFEFFx\n");
    const chunks = Array.from(bytes, (byte) => Uint8Array.of(byte));
    expect(linesOf(chunks)).toEqual(["olá 🙂", "\uFEFFx"]);
    // Two BOMs opening the stream: only the first goes.
    expect(linesOf([new TextEncoder().encode("\uFEFF\uFEFFx\n")])).toEqual(["\uFEFFx"]);
  });

  it("joins a character cut at a chunk's end whatever the next chunk holds, an empty chunk included", () => {
    const [lead, tail] = [0xc3, 0xa9]; // "é"
    expect(linesOf([Uint8Array.of(0x61, lead), Uint8Array.of(tail, 0x0a)])).toEqual(["aé"]);
    expect(linesOf([Uint8Array.of(lead), new Uint8Array(0), Uint8Array.of(tail, 0x0a)])).toEqual(["é"]);
    // A cut character that never completes is one U+FFFD, before what follows it.
    expect(linesOf([Uint8Array.of(lead), Uint8Array.of(0x61, 0x0a)])).toEqual(["\uFFFDa"]);
    expect(linesOf([Uint8Array.of(lead), "b\n"])).toEqual(["\uFFFDb"]);
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
    // A stream ended right after a CR: the next stream's opening LF is a line of its own.
    decoder.push("last\r", (line) => lines.push(line));
    decoder.end((line) => lines.push(line));
    decoder.push("\nx\n", (line) => lines.push(line));
    expect(lines).toEqual(["good", "next", "last", "", "x"]);
    // Lines left behind by a throwing handler come out at the end, the last one without its break.
    const rest: string[] = [];
    const again = new SseLineDecoder();
    expect(() =>
      again.push("bad\ngood\ntail", () => {
        throw new Error("no");
      }),
    ).toThrow("no");
    again.end((line) => rest.push(line));
    expect(rest).toEqual(["good", "tail"]);
  });
});
