// @openharness/adapter-kit: what an adapter author needs. The errors are the contract's
// (`@openharness/types/errors`), re-exported so one import gives the whole toolkit.
export * from "@openharness/types/errors";
export type { AdapterMethodPath, OperationKey } from "./adapter-operations";
export {
  type CapabilityDeclaration,
  type CapabilityDeclarations,
  type CapabilityEntry,
  CapabilityRegistry,
  type HarnessIdentity,
} from "./capability-registry";
export { approvalDecisions } from "./approval-decisions";
export { collectResult } from "./collect-result";
export {
  type GuardEventStreamOptions,
  guardEventStream,
  type HarnessEvent,
  type HarnessStreamMapper,
  type StreamSnapshot,
} from "./guard-event-stream";
export type { ApprovalAnswer, ClientTool, ExecuteOptions } from "./execute-options";
export type {
  HarnessAdapter,
  ListPassagesOptions,
  ListToolsOptions,
  MemoryOperations,
  RegisterToolRequest,
  SearchPassagesOptions,
  SessionOperations,
} from "./harness-adapter";
export { HarnessAdapterBase, type ParseContext } from "./harness-adapter-base";
export { type InputContext, parseInput } from "./parse-input";
export { parseToolArguments } from "./parse-tool-arguments";
