import type { ExecutionEvent } from "@openharness/letta";

export interface ConsoleIoOptions {
  /** `--json`: stdout carries only the events, one JSON object per line. */
  json: boolean;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  env?: Record<string, string | undefined>;
}

/**
 * Where the app writes. The transcript (what the agent says and does) goes to stdout, or to
 * stderr with `--json`, where stdout carries only the raw events; notices about the app itself
 * always go to stderr.
 */
export class ConsoleIo {
  readonly json: boolean;
  readonly #transcript: NodeJS.WriteStream;
  readonly #stdout: NodeJS.WriteStream;
  readonly #stderr: NodeJS.WriteStream;
  readonly #color: boolean;
  #midLine = false;

  constructor(options: ConsoleIoOptions) {
    this.json = options.json;
    this.#stdout = options.stdout ?? process.stdout;
    this.#stderr = options.stderr ?? process.stderr;
    this.#transcript = this.json ? this.#stderr : this.#stdout;
    const env = options.env ?? process.env;
    this.#color = Boolean(this.#transcript.isTTY) && !env.NO_COLOR;
  }

  /** Transcript text, as it streams in. */
  write(text: string): void {
    if (text === "") return;
    this.#transcript.write(text);
    this.#midLine = !text.endsWith("\n");
  }

  /** A whole transcript line (after ending the current one). */
  line(text: string): void {
    this.endLine();
    this.write(`${text}\n`);
  }

  /** Ends the transcript's current line, if text is pending on it. */
  endLine(): void {
    if (this.#midLine) this.write("\n");
  }

  /** A notice about the app (backend, agent, errors), on stderr. */
  notice(text: string): void {
    this.endLine();
    this.#stderr.write(`${text}\n`);
  }

  /** One event as a line of JSON on stdout (`--json`). */
  event(event: ExecutionEvent): void {
    this.#stdout.write(`${JSON.stringify(event)}\n`);
  }

  /** ANSI dim, when the transcript is a terminal and NO_COLOR is unset. */
  dim(text: string): string {
    return this.#color && text !== "" ? `\x1b[2m${text}\x1b[22m` : text;
  }
}
