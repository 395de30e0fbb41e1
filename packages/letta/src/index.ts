// The public surface of @openharness/letta: the adapter, its options, and the contract types and
// error classes its users touch, so that this one package is all a Letta user installs.
// Converters, the stream mapper and the capability table are internal.

export {
  AgentBusyError,
  type ApprovalAnswer,
  type ClientTool,
  AuthenticationError,
  CancelledError,
  ConflictError,
  ConnectionError,
  type ExecuteOptions,
  HarnessApiError,
  type HarnessAdapter,
  InvalidRequestError,
  type ListPassagesOptions,
  type MemoryOperations,
  NotFoundError,
  OpenHarnessError,
  PendingApprovalError,
  PermissionDeniedError,
  RateLimitError,
  type RegisterToolRequest,
  type SearchPassagesOptions,
  StreamInterruptedError,
  TimeoutError,
  UnsupportedFeatureError,
} from "@openharness/adapter-kit";
export type {
  Agent,
  ApprovalDecision,
  ApprovalRequest,
  ApprovalRequestEvent,
  ApprovalResponse,
  CapabilityDomain,
  CapabilityManifest,
  CapabilityStatus,
  CreateAgentRequest,
  CreateMemoryBlock,
  CreateSessionRequest,
  DoneEvent,
  ErrorPayload,
  ExecuteRequest,
  ExecutionEvent,
  ExecutionEventType,
  ExecutionResult,
  JsonObject,
  MemoryBlock,
  MemoryBlockUpdate,
  MemoryUpdateEvent,
  Message,
  OperationCapability,
  Passage,
  PassageSearchResult,
  Session,
  SessionHistoryOptions,
  StopReason,
  Tool,
  ToolCallRecord,
  Usage,
} from "@openharness/types";
export { LettaAdapter } from "./letta-adapter";
export type {
  AgentChanges,
  LettaAgentSettings,
  LettaAgentUpdateSettings,
  LettaCreateAgentRequest,
  LettaUpdateAgentRequest,
} from "./letta-agent-settings";
export { LETTA_CLOUD_URL, type LettaAdapterOptions } from "./letta-adapter-options";
export type { LettaExecuteOptions } from "./letta-execution";
export type { JoinRunRequest } from "./letta-join-run";
export { ClientToolRunner, type ClientToolDeclaration, type ClientToolResult } from "./client-tool-runner";
export type { LettaRegisterToolRequest } from "./letta-tools";
export { VERSION } from "./version";
export { LettaLocalAdapter } from "./local/letta-local-adapter";
export type { LocalSession } from "./local/local-sessions";
export type { LettaLocalExecuteOptions } from "./local/local-execute-options";
export { HOST_TOOLS, type LettaLocalAdapterOptions } from "./local/letta-local-options";
export type {
  LocalApprovalDecision,
  LocalApprovalHandler,
  LocalApprovalRequest,
  LocalClientTool,
} from "./local/local-tool-policy";
export type { AppServerInfo } from "./local/app-server-messages";
