import * as z from "zod";

/**
 * The OpenHarness capability vocabulary: each domain and the operations it names. The spec's
 * vocabulary, plus `get`/`list` for agents and sessions, a `tools` domain (with `client`: tools
 * run in the caller's process), `execution.thinking`, `execution.approvals` and
 * `memory.update-events` (`memory_update` events).
 */
export const CAPABILITY_VOCABULARY = {
  agents: ["create", "get", "list", "update", "delete", "clone", "export", "import"],
  execution: ["sync", "stream", "cancel", "artifacts", "tool-calls", "thinking", "approvals"],
  memory: ["blocks", "search", "archive", "cross-session", "read-only", "update-events"],
  tools: ["list", "register", "unregister", "invoke", "client"],
  sessions: ["create", "get", "list", "resume", "fork", "history", "named", "delete"],
  mcp: ["connect", "disconnect", "tools", "resources", "prompts"],
  skills: ["register", "install", "discover", "version", "rollback", "validate"],
  subagents: ["spawn", "delegate", "terminate", "result", "custom"],
  files: ["read", "write", "delete", "search", "upload", "download"],
  hooks: ["pre-tool", "post-tool", "stop", "custom", "events"],
  planning: ["todos", "task-tracking", "update"],
  models: ["multi-model", "model-list", "model-switch"],
} as const;

/** A capability domain (`agents`, `memory`, ...). */
export type CapabilityDomain = keyof typeof CAPABILITY_VOCABULARY;

/** An operation of domain `D` (`memory` → `blocks`, `archive`, ...). */
export type CapabilityOperation<D extends CapabilityDomain = CapabilityDomain> =
  (typeof CAPABILITY_VOCABULARY)[D][number];

/** Every domain, in vocabulary order. */
export const CAPABILITY_DOMAINS = Object.keys(CAPABILITY_VOCABULARY) as CapabilityDomain[];

/** How far an adapter supports an operation. */
export const CAPABILITY_STATUSES = ["supported", "partial", "unsupported"] as const;

/** `supported`: works fully. `partial`: works with stated limitations. `unsupported`: throws. */
export type CapabilityStatus = (typeof CAPABILITY_STATUSES)[number];

/** The support of one operation, with the reason and workaround when it is not full. */
export interface OperationCapability {
  status: CapabilityStatus;
  reason?: string;
  workaround?: string;
  limitations?: string[];
}

/** One domain of the manifest. `supported` is true when any operation is usable. */
export interface DomainCapability {
  supported: boolean;
  operations: Record<string, OperationCapability>;
}

/** What an adapter can do, for every domain and operation of the vocabulary. */
export interface CapabilityManifest {
  harness_id: string;
  harness_name: string;
  version: string;
  capabilities: Record<CapabilityDomain, DomainCapability>;
}

/** Schema for {@link OperationCapability}. */
export const OperationCapabilitySchema = z.object({
  status: z.enum(CAPABILITY_STATUSES),
  reason: z.string().optional(),
  workaround: z.string().optional(),
  limitations: z.array(z.string()).optional(),
});

/** Schema for {@link DomainCapability}. */
export const DomainCapabilitySchema = z.object({
  supported: z.boolean(),
  operations: z.record(z.string(), OperationCapabilitySchema),
});

/** Schema for {@link CapabilityManifest}. */
export const CapabilityManifestSchema = z.object({
  harness_id: z.string().min(1),
  harness_name: z.string(),
  version: z.string(),
  capabilities: z.record(z.enum(Object.keys(CAPABILITY_VOCABULARY) as [CapabilityDomain]), DomainCapabilitySchema),
});
