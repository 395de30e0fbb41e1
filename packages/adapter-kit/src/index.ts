export { camelCase, MEMORY_METHODS, OPERATION_METHODS, UNTYPED_DOMAINS, type UntypedDomain } from "./adapter-operations";
export {
  type CapabilityDeclaration,
  type CapabilityDeclarations,
  type CapabilityEntry,
  CapabilityRegistry,
  declarationFor,
  type HarnessIdentity,
} from "./capability-registry";
export { collect } from "./collect";
export * from "./errors";
export { type GuardEventStreamOptions, guardEventStream, type StreamSnapshot } from "./guard-event-stream";
export type {
  CamelCase,
  DomainOperations,
  ExecuteOptions,
  HarnessAdapter,
  ListPassagesOptions,
  MemoryOperations,
  RegisterToolRequest,
  SearchPassagesOptions,
} from "./harness-adapter";
export { HarnessAdapterBase } from "./harness-adapter-base";
export { parseToolInput } from "./parse-tool-input";
export { toErrorEvent } from "./to-error-event";
export { type InputContext, parseInput } from "./parse-input";
