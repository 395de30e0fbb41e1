import {
  type Agent,
  type ApprovalResponse,
  CAPABILITY_DOMAINS,
  CAPABILITY_VOCABULARY,
  type CapabilityDomain,
  type CapabilityManifest,
  type CapabilityOperation,
  type CreateAgentRequest,
  type ExecuteRequest,
  type ExecutionEvent,
  type ExecutionResult,
  type JsonObject,
  type OperationCapability,
  type Tool,
} from "@openharness/types";
import { UnsupportedFeatureError } from "@openharness/types/errors";
import type { z } from "zod";
import {
  ADAPTER_METHODS,
  type AdapterMethodPath,
  methodsOf,
  type OperationKey,
  type OperationRow,
  operationRow,
  rowOfMethod,
} from "./adapter-operations";
import {
  type CapabilityDeclaration,
  type CapabilityDeclarations,
  CapabilityRegistry,
  declarationFor,
} from "./capability-registry";
import { collectResult } from "./collect-result";
import type { ExecuteOptions } from "./execute-options";
import type {
  HarnessAdapter,
  ListToolsOptions,
  MemoryOperations,
  RegisterToolRequest,
  SessionOperations,
} from "./harness-adapter";
import { parseInput } from "./parse-input";

const DECLARATION_FIELDS = ["status", "reason", "workaround", "limitations"];
/** For each operation group made by `defineMemory`/`defineSessions`: the methods the adapter gave. */
const providedMethods = new WeakMap<object, ReadonlySet<string>>();
/** The groups of methods (`memory`), each with its method names in table order. */
type Group = "memory" | "sessions";

/** Where {@link HarnessAdapterBase.parse} checks an input, so the error can say so. */
export interface ParseContext {
  /** The operation the input is for (`agents.create`, `memory.blocks`). */
  operation: OperationKey;
  /** What the input is, for the message (`agent config`); defaults to `field`. */
  what?: string;
  /** The argument's name (`agentId`) when the input is one argument: issue paths start with it. */
  field?: string;
}

/**
 * The base every adapter should extend. Every operation exists and throws
 * `UnsupportedFeatureError` until the subclass overrides it, and the capability manifest is
 * derived from what is overridden plus what the subclass declares, so the two cannot disagree:
 * declaring an operation supported without implementing it fails on first use of `capabilities`.
 */
export abstract class HarnessAdapterBase implements HarnessAdapter {
  abstract readonly id: string;
  abstract readonly name: string;
  abstract readonly version: string;
  #capabilities?: CapabilityRegistry;

  /** Core and archival memory. Subclasses assign `this.defineMemory({...})`. */
  readonly memory: MemoryOperations = this.defineMemory({});
  /** Conversations with an agent. Subclasses that have them assign `this.defineSessions({...})`. */
  readonly sessions: SessionOperations = this.defineSessions({});

  /** Statuses, reasons and workarounds. Implemented operations default to supported. */
  protected abstract declareCapabilities(): CapabilityDeclarations;

  get capabilities(): CapabilityRegistry {
    this.#capabilities ??= this.#deriveCapabilities();
    return this.#capabilities;
  }

  getCapabilityManifest(): CapabilityManifest {
    return this.capabilities.toManifest();
  }

  createAgent(_config: CreateAgentRequest): Promise<string> {
    return this.#missing("createAgent");
  }
  getAgent(_agentId: string): Promise<Agent> {
    return this.#missing("getAgent");
  }
  listAgents(): Promise<Agent[]> {
    return this.#missing("listAgents");
  }
  updateAgent(_agentId: string, _changes: CreateAgentRequest): Promise<Agent> {
    return this.#missing("updateAgent");
  }
  deleteAgent(_agentId: string): Promise<void> {
    return this.#missing("deleteAgent");
  }

  /**
   * Defaults to collecting `executeStream`, for harnesses without a synchronous call. A failed
   * turn rejects with the very error the stream's source threw (see `collectResult`).
   */
  // Async so that an `executeStream` which validates eagerly (throws on call) still gives a rejection.
  async execute(request: ExecuteRequest, options?: ExecuteOptions): Promise<ExecutionResult> {
    if (this.#overrides("executeStream")) return collectResult(this.executeStream(request, options));
    return this.#missing("execute");
  }
  executeStream(_request: ExecuteRequest, _options?: ExecuteOptions): AsyncIterable<ExecutionEvent> {
    return this.#missingStream("executeStream");
  }
  respondToApproval(_response: ApprovalResponse, _options?: ExecuteOptions): AsyncIterable<ExecutionEvent> {
    return this.#missingStream("respondToApproval");
  }

  listTools(_options?: ListToolsOptions): Promise<Tool[]> {
    return this.#missing("listTools");
  }
  registerTool(_request: RegisterToolRequest): Promise<Tool> {
    return this.#missing("registerTool");
  }
  unregisterTool(_toolId: string): Promise<void> {
    return this.#missing("unregisterTool");
  }
  invokeTool(_toolId: string, _input: JsonObject): Promise<unknown> {
    return this.#missing("invokeTool");
  }

  /** A full `memory` group from the methods given; the others throw `UnsupportedFeatureError`. */
  protected defineMemory(operations: Partial<MemoryOperations>): MemoryOperations {
    return this.#defineGroup("memory", operations) as MemoryOperations;
  }

  /** A full `sessions` group from the methods given; the others throw `UnsupportedFeatureError`. */
  protected defineSessions(operations: Partial<SessionOperations>): SessionOperations {
    return this.#defineGroup("sessions", operations) as SessionOperations;
  }

  /**
   * Parses `input` with `schema`, or throws `InvalidRequestError` naming this harness, the
   * operation and each field (prefixed with `context.field` for a single argument). Call it
   * before anything is sent.
   */
  protected parse<S extends z.ZodType>(schema: S, input: unknown, context: ParseContext): z.output<S> {
    const [domain, operation] = context.operation.split(".") as [string, string];
    const what = context.what ?? context.field ?? "input";
    return parseInput(schema, input, { what, field: context.field, harness: this.name, domain, operation });
  }

  /** A rejected promise carrying the operation's `UnsupportedFeatureError`. */
  protected async unsupported<D extends CapabilityDomain>(
    domain: D,
    operation: CapabilityOperation<D>,
  ): Promise<never> {
    // Async, so that inconsistent declarations (thrown by `capabilities`) reject too instead of throwing synchronously.
    throw this.capabilities.unsupportedError(domain, operation);
  }

  #defineGroup(group: Group, operations: object): object {
    const given = operations as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    const names = groupMethods(group);
    for (const name of names) out[name] = given[name] ?? (() => this.#missing(`${group}.${name}` as AdapterMethodPath));
    providedMethods.set(out, new Set(names.filter((name) => typeof given[name] === "function")));
    return out;
  }

  /** A stream whose first read rejects like {@link #missing}. */
  #missingStream(method: AdapterMethodPath): AsyncIterable<ExecutionEvent> {
    return { [Symbol.asyncIterator]: () => ({ next: () => this.#missing(method) }) };
  }

  /** The rejection of a method the subclass did not implement. */
  async #missing(method: AdapterMethodPath): Promise<never> {
    const { domain, operation } = rowOfMethod(method);
    const entry = this.capabilities.get(domain, operation);
    if (entry.status === "unsupported") throw this.capabilities.unsupportedError(domain, operation);
    // The operation is partial: name the missing method rather than the operation's (absent) reason.
    throw new UnsupportedFeatureError({
      harness: this.name,
      domain,
      operation,
      reason: `the ${this.name} adapter does not implement ${method}`,
      workaround: entry.workaround,
    });
  }

  #overrides(method: string): boolean {
    const own = (this as unknown as Record<string, unknown>)[method];
    return own !== (HarnessAdapterBase.prototype as unknown as Record<string, unknown>)[method];
  }

  #isImplemented(method: AdapterMethodPath): boolean {
    const dot = method.indexOf(".");
    if (dot > 0) {
      const group = (this as unknown as Record<string, Record<string, unknown>>)[method.slice(0, dot)];
      const name = method.slice(dot + 1);
      const provided = group ? providedMethods.get(group) : undefined;
      // A hand-written group (not from `defineMemory`/`defineSessions`) is taken at its word: a function is an implementation.
      return provided ? provided.has(name) : typeof group?.[name] === "function";
    }
    if (method === "execute") return this.#overrides("execute") || this.#overrides("executeStream");
    return this.#overrides(method);
  }

  #deriveCapabilities(): CapabilityRegistry {
    const declarations = this.declareCapabilities();
    this.#checkDeclarationKeys(declarations);
    const entries: Record<string, OperationCapability> = {};
    for (const domain of CAPABILITY_DOMAINS) {
      for (const operation of CAPABILITY_VOCABULARY[domain]) {
        const entry = this.#derive(
          operationRow(domain, operation),
          `${domain}.${operation}`,
          declarationFor(declarations, domain, operation),
        );
        if (entry.status === "unsupported") entry.reason ??= `the ${this.name} adapter does not implement it`;
        entries[`${domain}.${operation}`] = entry;
      }
    }
    return new CapabilityRegistry({ id: this.id, name: this.name, version: this.version }, entries);
  }

  /** One operation's entry: what is implemented, checked against what is declared. */
  #derive(
    row: OperationRow | undefined,
    key: string,
    declared: CapabilityDeclaration | undefined,
  ): OperationCapability {
    const claimed = declared?.status;
    const inconsistent = (what: string) =>
      new Error(`The ${this.name} adapter declares ${key} "${claimed}" but ${what}.`);
    if (!row) {
      if (claimed && claimed !== "unsupported") throw inconsistent("the OpenHarness contract has no method for it yet");
      return { ...declared, status: "unsupported" };
    }
    const methods = methodsOf(row);
    if (methods.length === 0) return { ...declared, status: claimed ?? "unsupported" };
    const missing = methods.filter((method) => !this.#isImplemented(method));
    if (missing.length === methods.length) {
      if (claimed && claimed !== "unsupported") throw inconsistent(`implements none of ${methods.join(", ")}`);
      return { ...declared, status: "unsupported" };
    }
    if (missing.length > 0) {
      if (claimed && claimed !== "partial") throw inconsistent(`does not implement ${missing.join(", ")}`);
      return {
        ...declared,
        status: "partial",
        limitations: [...(declared?.limitations ?? []), `not implemented: ${missing.join(", ")}`],
      };
    }
    if (claimed === "unsupported") throw inconsistent(`implements ${methods.join(", ")}`);
    return { ...declared, status: claimed ?? "supported" };
  }

  // A misspelt domain or operation would otherwise be ignored, and its reason silently lost.
  #checkDeclarationKeys(declarations: CapabilityDeclarations): void {
    const fail = (what: string) =>
      new Error(`The ${this.name} adapter declares ${what}: not in the OpenHarness vocabulary.`);
    for (const [domain, declared] of Object.entries(declarations as Record<string, object | undefined>)) {
      if (!Object.hasOwn(CAPABILITY_VOCABULARY, domain)) throw fail(`unknown domain "${domain}"`);
      if (declared === undefined) continue;
      const operations: readonly string[] = CAPABILITY_VOCABULARY[domain as CapabilityDomain];
      const keys = Object.keys(declared);
      const domainWide = keys.filter((key) => DECLARATION_FIELDS.includes(key));
      if (domainWide.length > 0 && domainWide.length < keys.length) {
        throw new Error(
          `The ${this.name} adapter's declaration of "${domain}" mixes domain-wide fields with operations.`,
        );
      }
      if (domainWide.length === 0) {
        for (const key of keys) if (!operations.includes(key)) throw fail(`unknown operation "${domain}.${key}"`);
      }
    }
  }
}

/** The method names of a group (`memory` → `getBlocks`, ...), in table order. */
function groupMethods(group: Group): string[] {
  const prefix = `${group}.`;
  return ADAPTER_METHODS.filter((method) => method.startsWith(prefix)).map((method) => method.slice(prefix.length));
}
