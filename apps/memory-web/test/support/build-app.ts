import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** This app's folder. */
export const APP_DIR = fileURLToPath(new URL("../..", import.meta.url));

/**
 * vitest globalSetup: the browser tests run the built app, as a user does, so build it once first.
 * Turbo's `test` task builds the workspace packages it depends on (`^build`), not the app itself.
 */
export default function buildApp(): void {
  for (const pkg of ["letta", "letta-emulator", "types"]) {
    const entry = join(APP_DIR, `node_modules/@openharness/${pkg}/dist/index.js`);
    if (!existsSync(entry))
      throw new Error(`@openharness/${pkg} is not built (${entry} is missing): run "scripts/pnpm build" first.`);
  }
  const tsup = join(APP_DIR, "node_modules/tsup/dist/cli-default.js");
  execFileSync(process.execPath, [tsup, "--silent"], { cwd: APP_DIR, stdio: ["ignore", "ignore", "inherit"] });
}
