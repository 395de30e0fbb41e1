import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { APP_DIR } from "./cli";

/**
 * vitest globalSetup: the tests run the built CLI, as a user does, so build it once first. Turbo's
 * `test` task builds the workspace packages it depends on (`^build`), but not the app itself.
 */
export default function buildCli(): void {
  for (const pkg of ["letta", "letta-emulator"]) {
    const entry = join(APP_DIR, `node_modules/@openharness/${pkg}/dist/index.js`);
    if (!existsSync(entry)) {
      throw new Error(
        `@openharness/${pkg} is not built (${entry} is missing): run "scripts/pnpm build" at the repository root first.`,
      );
    }
  }
  const tsup = join(APP_DIR, "node_modules/tsup/dist/cli-default.js");
  execFileSync(process.execPath, [tsup, "--silent"], { cwd: APP_DIR, stdio: ["ignore", "ignore", "inherit"] });
}
