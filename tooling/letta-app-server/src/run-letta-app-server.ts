// Starts a Letta Code App Server for trying LettaLocalAdapter (and `scripts/pnpm demo --local`):
//   scripts/pnpm --filter @openharness/letta-app-server start                    # scripted model, offline
//   scripts/pnpm --filter @openharness/letta-app-server start -- --model-url http://127.0.0.1:11434/v1 --model llama3.2
// The second form registers your own OpenAI-compatible endpoint (Ollama, LM Studio, vLLM...) instead.
// State lives in a temp dir and is removed on exit (Ctrl-C).
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { installLettaCode } from "./install-letta-code.ts";
import { startScriptedModelServer } from "./scripted-model-server.ts";
import { startLettaAppServer } from "./start-letta-app-server.ts";

const { values } = parseArgs({ options: { "model-url": { type: "string" }, model: { type: "string" } } });
const install = await installLettaCode(fileURLToPath(new URL("../../../.data/letta-code", import.meta.url)));
const scripted = values["model-url"] ? undefined : await startScriptedModelServer();
const server = await startLettaAppServer({
  install,
  modelBaseUrl: values["model-url"] ?? (scripted?.baseUrl as string),
});
const model = values["model-url"] ? `openai-compatible/${values.model ?? "default"}` : server.model;
process.stdout.write(
  `Letta Code ${install.version} App Server (pid ${server.pid}) at ${server.url}\n` +
    `  LETTA_LOCAL_URL=${server.url} LETTA_LOCAL_MODEL=${model} scripts/pnpm demo --local\n` +
    `${scripted ? "  The model is the scripted one: try 'remember: I like tea', then 'recall'.\n" : ""}` +
    "Ctrl-C stops it.\n",
);
const stop = async () => {
  await server.stop();
  await scripted?.close();
  process.exit(0);
};
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
