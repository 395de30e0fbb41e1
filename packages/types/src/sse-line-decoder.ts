const LF = 0x0a;
const BOM = 0xfeff;
const STREAM = { stream: true };

/**
 * Incremental splitter of a `text/event-stream` body into lines, the layer under
 * {@link SseEventDecoder} (and under the Letta adapter's reader, which applies the Letta SDK's frame
 * rules to the same lines). Chunks may be split anywhere, including inside a CRLF pair or a UTF-8
 * character. Lines end with LF, CRLF or CR (WHATWG); a BOM opening the stream is dropped.
 */
export class SseLineDecoder {
  // ignoreBOM: the BOM is stripped once per stream below, the same way for string and byte input.
  private readonly utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
  private buffer = "";
  /** Leading characters of `buffer` already known to hold no line break (avoids rescans). */
  private scanned = 0;
  private atStreamStart = true;
  /** The previous chunk ended in CR, so an LF opening the next one completes that line break. */
  private skipLineFeed = false;

  /**
   * Feeds a chunk and calls `onLine` with each line it completes, without its line break. If
   * `onLine` throws, the decoder stays after that line: the next `push()` carries on from there.
   */
  push(chunk: string | Uint8Array, onLine: (line: string) => void): void {
    let text: string;
    // A string after bytes: flush so an incomplete byte sequence cannot swallow the text.
    if (typeof chunk === "string") text = this.utf8.decode() + chunk;
    // A chunk ending in ASCII leaves no character cut at its end: a plain decode (Node's is a third
    // cheaper) gives the same text, and still completes one cut at the end of the chunk before.
    else if ((chunk[chunk.length - 1] ?? 0x80) < 0x80) text = this.utf8.decode(chunk);
    else text = this.utf8.decode(chunk, STREAM);
    this.consume(text, false, onLine);
  }

  /**
   * Ends the stream: flushes incomplete UTF-8 (as U+FFFD) and calls `onLine` with a last line that
   * lacks its line break. The decoder is then ready for a new stream.
   */
  end(onLine: (line: string) => void): void {
    try {
      this.consume(this.utf8.decode(), true, onLine);
    } finally {
      this.buffer = "";
      this.scanned = 0;
      this.atStreamStart = true;
      this.skipLineFeed = false;
    }
  }

  private consume(text: string, atEnd: boolean, onLine: (line: string) => void): void {
    if (this.atStreamStart && text.length > 0) {
      this.atStreamStart = false;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
    }
    const buffer = this.buffer === "" ? text : this.buffer + text;
    // The next CR and LF (-1: none left), found with `indexOf`: a regex match allocates per line.
    let cr = buffer.indexOf("\r", this.scanned);
    let lf = buffer.indexOf("\n", this.scanned);
    let pos = 0;
    let scanned = 0;
    try {
      while (pos < buffer.length) {
        if (this.skipLineFeed) {
          this.skipLineFeed = false;
          if (buffer.charCodeAt(pos) === LF) {
            pos += 1;
            continue;
          }
        }
        if (cr !== -1 && cr < pos) cr = buffer.indexOf("\r", pos);
        if (lf !== -1 && lf < pos) lf = buffer.indexOf("\n", pos);
        const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
        if (end === -1) {
          scanned = buffer.length - pos;
          break;
        }
        const line = buffer.slice(pos, end);
        pos = end + 1;
        // An LF right after is part of this line break, whether it is in this chunk or the next.
        if (end === cr) this.skipLineFeed = true;
        // `pos` moves past the line before it is handed out, so a throw leaves the decoder after it.
        onLine(line);
      }
      if (atEnd && pos < buffer.length) {
        const line = buffer.slice(pos);
        pos = buffer.length;
        onLine(line);
      }
    } finally {
      this.buffer = pos === 0 ? buffer : buffer.slice(pos);
      this.scanned = scanned;
    }
  }
}
