import { readFileSync, rmSync } from "node:fs";
import type { LettaEmulatorState } from "@openharness/letta-emulator";
import { AppError } from "./app-error";
import { writeFileAtomic } from "./write-file-atomic";

/**
 * The emulator's state on disk, so agents and their memory survive restarts: read at start,
 * rewritten (from `emulator.exportState()`) after each turn and command.
 */
export class EmulatorStateFile {
  readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  /** The saved state, or `undefined` when there is none yet. */
  read(): LettaEmulatorState | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw new AppError(`cannot read the emulator state ${this.path} (${(error as Error).message})`);
    }
    let state: unknown;
    try {
      state = JSON.parse(text);
    } catch {
      state = undefined;
    }
    if (!state || typeof state !== "object" || (state as { version?: unknown }).version !== 1) {
      throw new AppError(
        `the emulator state ${this.path} is not a state this app can read`,
        "Start afresh with --reset (it deletes the file).",
      );
    }
    return state as LettaEmulatorState;
  }

  write(state: LettaEmulatorState): void {
    writeFileAtomic(this.path, `${JSON.stringify(state)}\n`);
  }

  delete(): void {
    rmSync(this.path, { force: true });
  }
}
