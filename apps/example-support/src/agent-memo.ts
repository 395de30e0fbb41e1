import { readFileSync, rmSync } from "node:fs";
import { writeFileAtomic } from "./write-file-atomic";

/**
 * Which agent the app used last on each server (`agents.json` in the data folder, keyed by the
 * server URL), so a restart continues the same conversation.
 */
export class AgentMemo {
  readonly #file: string;
  readonly #server: string;

  constructor(file: string, server: string) {
    this.#file = file;
    this.#server = server;
  }

  /** The remembered agent id for this server, if any. */
  get(): string | undefined {
    const id = this.#read()[this.#server];
    return typeof id === "string" && id !== "" ? id : undefined;
  }

  set(agentId: string): void {
    writeFileAtomic(this.#file, `${JSON.stringify({ ...this.#read(), [this.#server]: agentId }, null, 2)}\n`);
  }

  /** Forgets the agent of this server (`--reset`). */
  forget(): void {
    const all = this.#read();
    delete all[this.#server];
    if (Object.keys(all).length === 0) rmSync(this.#file, { force: true });
    else writeFileAtomic(this.#file, `${JSON.stringify(all, null, 2)}\n`);
  }

  #read(): Record<string, unknown> {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.#file, "utf8"));
      return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      // Missing or unreadable: nothing remembered.
      return {};
    }
  }
}
