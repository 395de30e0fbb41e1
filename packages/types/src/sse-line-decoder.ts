const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;

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
    // A string after bytes: flush so an incomplete byte sequence cannot swallow the text.
    const text = typeof chunk === "string" ? this.utf8.decode() + chunk : this.utf8.decode(chunk, { stream: true });
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
    const lineBreak = /[\r\n]/g;
    lineBreak.lastIndex = this.scanned;
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
        if (lineBreak.lastIndex < pos) lineBreak.lastIndex = pos;
        const match = lineBreak.exec(buffer);
        if (match === null) {
          scanned = buffer.length - pos;
          break;
        }
        const end = match.index;
        const line = buffer.slice(pos, end);
        pos = end + 1;
        if (buffer.charCodeAt(end) === CR) {
          if (pos === buffer.length) this.skipLineFeed = true;
          else if (buffer.charCodeAt(pos) === LF) pos += 1;
        }
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
