import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AppError } from "@openharness/example-support";

/** `apps/memory-chat/.data`: next to the built `dist/cli.js` (gitignored at the repository root). */
export function defaultDataDir(): string {
  return fileURLToPath(new URL("../.data", import.meta.url));
}

/** The files the app keeps in its data folder. */
export interface DataFiles {
  dir: string;
  /** The emulator's whole state (agents, memory, messages), rewritten after each turn. */
  emulatorState: string;
  /** The agent last used on each server, so the next run continues with it. */
  agents: string;
}

export function dataFiles(dir: string): DataFiles {
  return { dir, emulatorState: join(dir, "emulator-state.json"), agents: join(dir, "agents.json") };
}

/** Creates the data folder if needed. */
export function ensureDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new AppError(
      `cannot create the data folder ${dir} (${(error as Error).message})`,
      "Pass a writable folder with --data-dir.",
    );
  }
}
