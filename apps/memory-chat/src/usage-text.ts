/** `memory-chat --help`. */
export const USAGE_TEXT = `memory-chat: chat with a Letta agent that remembers, through @openharness/letta.

Usage:
  memory-chat [options]                          chat at a prompt (or read lines from piped stdin)
  memory-chat --message "My name is Sam" [...]   run these turns, then exit

Where it runs:
  --local or LETTA_LOCAL_URL
                         a local Letta Code App Server (letta server --listen), at
                         LETTA_LOCAL_URL or ws://127.0.0.1:4500; LETTA_LOCAL_MODEL names the
                         model of a new agent
  LETTA_API_KEY set      Letta Cloud
  LETTA_BASE_URL set     that Letta REST server (with LETTA_API_KEY if it wants one)
  none of these          the built-in Letta emulator: no account, no server, scripted replies
                         (not an LLM); its state is kept in the data folder across runs

Options:
  -m, --message <text>   a message (or /command) to send; repeat for several turns, in order
      --json             print the raw OpenHarness events as NDJSON on stdout (notices: stderr)
      --data-dir <dir>   where the emulator state and the agent id are kept
                         (default: apps/memory-chat/.data)
      --agent <id>       talk to this agent (default: the last one, or "openharness-memory-chat")
      --no-thinking      hide the agent's reasoning
      --reset            wipe the emulator state and forget the agent (start a new one)
      --local            use a local Letta Code App Server (see above)
      --emulator-frame-delay <ms>
                         for demos and tests: the emulator waits this long before each frame
  -h, --help             show this help

At the prompt: a message, or /memory, /edit <label> <text>, /search <query>, /remember <text>,
/agents, /switch <id>, /delete <id>, /new [name], /help, /quit.
Ctrl-C cancels a running turn; at the prompt (or pressed twice) it quits with exit code 0.
With --message, Ctrl-C cancels the turn, skips the rest and exits with 130.

Exit codes: 0 done; 1 a fatal error, or (with --message) a failed turn or command; 2 a bad
command line; 130 interrupted (--message).
`;
