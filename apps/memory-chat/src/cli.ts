import { ChatSession } from "./chat-session";
import { runChatLoop } from "./chat-loop";
import { type CliOptions, parseCliOptions } from "./cli-options";
import { ConsoleIo } from "./console-io";
import { CtrlC } from "./ctrl-c";
import { dataFiles, defaultDataDir, ensureDataDir } from "./data-dir";
import { runMessages } from "./run-messages";
import { USAGE_TEXT } from "./usage-text";
import {
  AgentMemo,
  AppError,
  connectLetta,
  describeError,
  type LettaConnection,
  openAgent,
} from "@openharness/example-support";

const NAME = "memory-chat";

/** What to do when the backend named by the environment cannot be used. */
function connectionHint(local: boolean, env = process.env): string | undefined {
  if (local)
    return "Start an App Server (letta server --listen ws://127.0.0.1:4500) or fix LETTA_LOCAL_URL; without --local and LETTA_LOCAL_URL the app uses the built-in emulator.";
  const remote = [env.LETTA_API_KEY, env.LETTA_BASE_URL].some((value) => value !== undefined && value.trim() !== "");
  return remote ? "Fix LETTA_BASE_URL / LETTA_API_KEY, or unset both to use the built-in emulator." : undefined;
}

async function main(argv: readonly string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliOptions(argv);
  } catch (error) {
    process.stderr.write(`${describeError(NAME, error)}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE_TEXT);
    return 0;
  }

  const io = new ConsoleIo({ json: options.json });
  const ctrlC = new CtrlC();
  process.on("SIGINT", () => ctrlC.press());
  const files = dataFiles(options.dataDir ?? defaultDataDir());

  let connection: LettaConnection;
  try {
    ensureDataDir(files.dir);
    connection = await connectLetta({
      emulatorStateFile: files.emulatorState,
      reset: options.reset,
      frameDelayMs: options.frameDelayMs,
      local: options.local,
    });
  } catch (error) {
    const hint = connectionHint(options.local || Boolean(process.env.LETTA_LOCAL_URL?.trim()));
    io.notice(describeError(`${NAME}: cannot connect to Letta`, error, hint));
    return 1;
  }
  for (const line of connection.announcement) io.notice(`${NAME} ▸ ${line}`);

  try {
    const memo = new AgentMemo(files.agents, connection.where);
    let session: ChatSession;
    try {
      const { agent, how } = await openAgent(connection.adapter, memo, {
        agentId: options.agentId,
        fresh: options.reset,
      });
      io.notice(`${NAME} ▸ agent: ${agent.name} (${agent.id}), ${how}.`);
      session = new ChatSession({ connection, io, memo, ctrlC, agent, includeThinking: options.includeThinking });
    } catch (error) {
      const what = options.agentId
        ? `cannot open agent ${options.agentId}`
        : `cannot open the chat agent on ${connection.where}`;
      const hint = options.agentId ? "Run without --agent to use the app's own agent; /agents lists them." : undefined;
      io.notice(describeError(`${NAME}: ${what}`, error, hint));
      return 1;
    }
    connection.save();
    return options.messages.length > 0 ? await runMessages(session, options.messages) : await runChatLoop(session);
  } finally {
    try {
      connection.save();
    } catch (error) {
      io.notice(describeError(`${NAME}: cannot save the emulator state`, new AppError((error as Error).message)));
    }
    await connection.close();
  }
}

// `memory-chat --json | head -1`: a reader that goes away is the end of the output, not a crash.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${describeError(NAME, error)}\n`);
    process.exitCode = 1;
  },
);
