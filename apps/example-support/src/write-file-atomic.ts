import { renameSync, writeFileSync } from "node:fs";

/** Writes `text` to `file` through a temporary file and a rename, so a crash never leaves half a file. */
export function writeFileAtomic(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}
