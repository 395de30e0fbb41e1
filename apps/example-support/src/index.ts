// What the example apps share: the way to Letta (Cloud, a server, the local App Server or the
// built-in emulator), the remembered agent, and how errors and memory changes are told.
export { AgentMemo } from "./agent-memo";
export { AppError } from "./app-error";
export { diffBlock } from "./block-diff";
export { type ConnectEmulatorOptions, connectEmulator } from "./connect-emulator";
export { type ConnectOptions, connectLetta, DEFAULT_LOCAL_URL } from "./connect-letta";
export { describeError, isExpectedError } from "./describe-error";
export { EmulatorStateFile } from "./emulator-state-file";
export { LOCAL_TIME_TOOL } from "./local-time-tool";
export type { ChatAdapter, LettaConnection } from "./letta-connection";
export { AGENT_NAME, createChatAgent, type OpenAgentOptions, type OpenedAgent, openAgent } from "./open-agent";
export { writeFileAtomic } from "./write-file-atomic";
