import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { installLettaCode, type LettaCodeInstall } from "../src/install-letta-code.ts";
import { startScriptedModelServer } from "../src/scripted-model-server.ts";
import { startLettaAppServer } from "../src/start-letta-app-server.ts";

/** Where the pinned Letta Code is cached between runs (gitignored). */
const CACHE_DIR = fileURLToPath(new URL("../../../.data/letta-code", import.meta.url));

declare module "vitest" {
  export interface ProvidedContext {
    /** The running App Server, or why the suite is skipped. */
    lettaAppServer: { url: string; model: string } | { skipped: string };
  }
}

/**
 * Installs the pinned `@letta-ai/letta-code` (cached), starts the scripted model and a real
 * App Server for the whole run, and stops both by PID afterwards. When Letta Code cannot be
 * installed, the suite is skipped with a loud notice, except under `CI=true`, where it fails.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let install: LettaCodeInstall;
  try {
    install = await installLettaCode(CACHE_DIR);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    const message = error instanceof Error ? error.message : String(error);
    const reason = `could not install @letta-ai/letta-code: ${message}${stderr ? `\n${stderr}` : ""}`;
    if (process.env.CI === "true")
      throw new Error(`The local Letta end-to-end suite needs Letta Code and CI=true: ${reason}`);
    const bar = "!".repeat(78);
    console.warn(`\n${bar}\n!! SKIPPING the local Letta end-to-end suite: ${reason}\n${bar}\n`);
    project.provide("lettaAppServer", { skipped: reason });
    return async () => {};
  }
  const model = await startScriptedModelServer();
  let server: Awaited<ReturnType<typeof startLettaAppServer>>;
  try {
    server = await startLettaAppServer({ install, modelBaseUrl: model.baseUrl });
  } catch (error) {
    await model.close();
    throw error;
  }
  project.provide("lettaAppServer", { url: server.url, model: server.model });
  return async () => {
    await server.stop();
    await model.close();
  };
}
