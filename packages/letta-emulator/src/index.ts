/**
 * `@openharness/letta-emulator`: a stateful, in-process emulator of the Letta REST API for tests,
 * demos and offline development. The real `@letta-ai/letta-client` talks to it through msw.
 *
 * @packageDocumentation
 */
export {
  type ParsedPythonTool,
  PythonToolParseError,
  parsePythonTool,
  type ToolJsonSchema,
  type ToolParameterSchema,
} from "./agent/python-tool-parser.js";
export { createLettaEmulator, DEFAULT_EMULATOR_BASE_URL } from "./create-letta-emulator.js";
export type { FaultMatch, LettaFault, ProviderErrorType } from "./faults/letta-fault.js";
export type { LettaEmulator } from "./letta-emulator.js";
export type { LettaEmulatorOptions } from "./letta-emulator-options.js";
export { createMemoryChatModel, type MemoryChatModelOptions } from "./model/memory-chat-model.js";
export type {
  ScriptedFrame,
  ScriptedModel,
  ScriptedStep,
  ScriptedToolCall,
  ScriptedTurn,
} from "./model/scripted-model.js";
export { type LettaExchangeObserver, observeLettaExchanges } from "./observe-letta-exchanges.js";
export type {
  EmulatedAgent,
  EmulatedRun,
  EmulatedRunRequest,
  LettaEmulatorState,
  PendingApproval,
  PendingToolCall,
} from "./state/emulator-state.js";
export {
  type LettaEmulatorServer,
  type RunningLettaEmulator,
  type StartLettaEmulatorOptions,
  startLettaEmulator,
} from "./start-letta-emulator.js";
export type { LettaExchange, RecordedFrame, RecordedRequest } from "./wire/letta-exchange.js";
