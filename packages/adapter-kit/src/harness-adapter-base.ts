import {
  type Agent,
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
import { camelCase, MEMORY_METHODS, OPERATION_METHODS, type UntypedDomain } from "./adapter-operations";
import { type CapabilityDeclarations, CapabilityRegistry, declarationFor } from "./capability-registry";
import { collect } from "./collect";
import { UnsupportedFeatureError } from "./errors/unsupported-feature-error";
import type {
  DomainOperations,
  ExecuteOptions,
  HarnessAdapter,
  MemoryOperations,
  RegisterToolRequest,
} from "./harness-adapter";

const DECLARATION_FIELDS = ["status", "reason", "workaround", "limitations"];
/** For each operation group made by `defineMemory`/`defineOperations`: the methods the adapter gave. */
const providedMethods = new WeakMap<object, ReadonlySet<string>>();
const memoryOperation = (method: string) =>
  method === "searchPassages" ? "search" : method.endsWith("Passage") || method.endsWith("Passages") ? "archive" : "blocks";

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
  /** Subclasses that support a domain assign `this.defineOperations("<domain>", {...})`. */
  readonly sessions: DomainOperations<"sessions"> = this.defineOperations("sessions", {});
  readonly mcp: DomainOperations<"mcp"> = this.defineOperations("mcp", {});
  readonly skills: DomainOperations<"skills"> = this.defineOperations("skills", {});
  readonly subagents: DomainOperations<"subagents"> = this.defineOperations("subagents", {});
  readonly files: DomainOperations<"files"> = this.defineOperations("files", {});
  readonly hooks: DomainOperations<"hooks"> = this.defineOperations("hooks", {});
  readonly planning: DomainOperations<"planning"> = this.defineOperations("planning", {});

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
    return this.unsupported("agents", "create");
  }
  getAgent(_agentId: string): Promise<Agent> {
    return this.unsupported("agents", "get");
  }
  listAgents(): Promise<Agent[]> {
    return this.unsupported("agents", "list");
  }
  updateAgent(_agentId: string, _changes: CreateAgentRequest): Promise<Agent> {
    return this.unsupported("agents", "update");
  }
  deleteAgent(_agentId: string): Promise<void> {
    return this.unsupported("agents", "delete");
  }

  /** Defaults to collecting `executeStream`, for harnesses without a synchronous call. */
  // Async so that an `executeStream` which validates eagerly (throws on call) still gives a rejection.
  async execute(request: ExecuteRequest, options?: ExecuteOptions): Promise<ExecutionResult> {
    if (this.#overrides("executeStream")) return collect(this.executeStream(request, options));
    return this.unsupported("execution", "sync");
  }
  executeStream(_request: ExecuteRequest, _options?: ExecuteOptions): AsyncIterable<ExecutionEvent> {
    return {
      [Symbol.asyncIterator]: () => ({ next: () => this.unsupported("execution", "stream") }),
    };
  }

  listTools(): Promise<Tool[]> {
    return this.unsupported("tools", "list");
  }
  registerTool(_request: RegisterToolRequest): Promise<Tool> {
    return this.unsupported("tools", "register");
  }
  unregisterTool(_toolId: string): Promise<void> {
    return this.unsupported("tools", "unregister");
  }
  invokeTool(_toolId: string, _input: JsonObject): Promise<unknown> {
    return this.unsupported("tools", "invoke");
  }

  /** A full `memory` group from the methods given; the others throw `UnsupportedFeatureError`. */
  protected defineMemory(operations: Partial<MemoryOperations>): MemoryOperations {
    const group: Record<string, unknown> = {};
    for (const method of MEMORY_METHODS) {
      group[method] = operations[method] ?? (() => this.#missingMemoryMethod(method));
    }
    providedMethods.set(group, new Set(MEMORY_METHODS.filter((method) => operations[method])));
    return group as unknown as MemoryOperations;
  }

  /** A full group for `domain` from the methods given; the others throw `UnsupportedFeatureError`. */
  protected defineOperations<D extends UntypedDomain>(domain: D, operations: Partial<DomainOperations<D>>): DomainOperations<D> {
    const given = operations as Record<string, unknown>;
    const group: Record<string, unknown> = {};
    for (const operation of CAPABILITY_VOCABULARY[domain]) {
      const method = camelCase(operation);
      group[method] = given[method] ?? (() => this.unsupported(domain, operation as CapabilityOperation<D>));
    }
    providedMethods.set(group, new Set(Object.keys(given).filter((method) => typeof given[method] === "function")));
    return group as DomainOperations<D>;
  }

  /** A rejected promise carrying the operation's `UnsupportedFeatureError`. */
  protected async unsupported<D extends CapabilityDomain>(domain: D, operation: CapabilityOperation<D>): Promise<never> {
    // Async, so that inconsistent declarations (thrown by `capabilities`) reject too instead of throwing synchronously.
    throw this.capabilities.unsupportedError(domain, operation);
  }

  async #missingMemoryMethod(method: (typeof MEMORY_METHODS)[number]): Promise<never> {
    const operation = memoryOperation(method) as CapabilityOperation<"memory">;
    const entry = this.capabilities.get("memory", operation);
    if (entry.status === "unsupported") throw this.capabilities.unsupportedError("memory", operation);
    // The operation is partial: name the missing method rather than the operation's (absent) reason.
    throw new UnsupportedFeatureError({
      harness: this.name,
      domain: "memory",
      operation,
      reason: `the ${this.name} adapter does not implement memory.${method}`,
      workaround: entry.workaround,
    });
  }

  #overrides(method: string): boolean {
    const own = (this as unknown as Record<string, unknown>)[method];
    return own !== (HarnessAdapterBase.prototype as unknown as Record<string, unknown>)[method];
  }

  #isImplemented(method: string): boolean {
    const dot = method.indexOf(".");
    if (dot > 0) {
      const group = (this as unknown as Record<string, Record<string, unknown>>)[method.slice(0, dot)];
      const name = method.slice(dot + 1);
      const provided = group ? providedMethods.get(group) : undefined;
      // A hand-written group (not from `defineMemory`/`defineOperations`) is taken at its word: a function is an implementation.
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
        const key = `${domain}.${operation}`;
        const declared = declarationFor(declarations, domain, operation);
        const methods = OPERATION_METHODS[domain]?.[operation] ?? [];
        const missing = methods.filter((method) => !this.#isImplemented(method));
        const inconsistent = (what: string) =>
          new Error(`The ${this.name} adapter declares ${key} "${declared?.status}" but ${what}.`);
        if (methods.length === 0 || missing.length === methods.length) {
          if (methods.length > 0 && declared?.status && declared.status !== "unsupported") {
            throw inconsistent(`implements none of ${methods.join(", ")}`);
          }
          const status = methods.length > 0 ? "unsupported" : (declared?.status ?? "unsupported");
          entries[key] = { ...declared, status };
          if (status === "unsupported") entries[key].reason ??= `the ${this.name} adapter does not implement it`;
        } else if (missing.length > 0) {
          if (declared?.status && declared.status !== "partial") throw inconsistent(`does not implement ${missing.join(", ")}`);
          const limitations = [...(declared?.limitations ?? []), `not implemented: ${missing.join(", ")}`];
          entries[key] = { ...declared, status: "partial", limitations };
        } else {
          if (declared?.status === "unsupported") throw inconsistent(`implements ${methods.join(", ")}`);
          entries[key] = { ...declared, status: declared?.status ?? "supported" };
        }
      }
    }
    return new CapabilityRegistry({ id: this.id, name: this.name, version: this.version }, entries);
  }

  // A misspelt domain or operation would otherwise be ignored, and its reason silently lost.
  #checkDeclarationKeys(declarations: CapabilityDeclarations): void {
    const fail = (what: string) => new Error(`The ${this.name} adapter declares ${what}: not in the OpenHarness vocabulary.`);
    for (const [domain, declared] of Object.entries(declarations as Record<string, object | undefined>)) {
      if (!Object.hasOwn(CAPABILITY_VOCABULARY, domain)) throw fail(`unknown domain "${domain}"`);
      if (declared === undefined) continue;
      const operations: readonly string[] = CAPABILITY_VOCABULARY[domain as CapabilityDomain];
      const keys = Object.keys(declared);
      const domainWide = keys.filter((key) => DECLARATION_FIELDS.includes(key));
      if (domainWide.length > 0 && domainWide.length < keys.length) {
        throw new Error(`The ${this.name} adapter's declaration of "${domain}" mixes domain-wide fields with operations.`);
      }
      if (domainWide.length === 0) {
        for (const key of keys) if (!operations.includes(key)) throw fail(`unknown operation "${domain}.${key}"`);
      }
    }
  }
}
