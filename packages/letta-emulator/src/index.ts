/**
 * `@openharness/letta/testing`: a stateful, in-process emulator of the Letta REST API for tests,
 * demos and offline development. The real `@letta-ai/letta-client` talks to it through msw.
 *
 * @packageDocumentation
 */
export { createLettaEmulator, DEFAULT_EMULATOR_BASE_URL, type LettaEmulator } from "./emulator.js";
export { createMemoryChatModel, type MemoryChatModelOptions } from "./memory-chat-model.js";
export { type LettaExchangeObserver, observeLettaExchanges } from "./observers.js";
export {
  type ParsedPythonTool,
  PythonToolParseError,
  parsePythonTool,
  type ToolJsonSchema,
  type ToolParameterSchema,
} from "./python-tool-parser.js";
export {
  type LettaEmulatorServer,
  type RunningLettaEmulator,
  type StartLettaEmulatorOptions,
  startLettaEmulator,
} from "./start-letta-emulator.js";
export type {
  EmulatedAgent,
  EmulatedRun,
  EmulatedRunRequest,
  FaultMatch,
  LettaEmulatorOptions,
  LettaEmulatorState,
  LettaExchange,
  LettaFault,
  PendingApproval,
  PendingToolCall,
  RecordedFrame,
  RecordedRequest,
  ScriptedFrame,
  ScriptedModel,
  ScriptedStep,
  ScriptedToolCall,
  ScriptedTurn,
} from "./types.js";
