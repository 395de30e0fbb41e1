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
import { MEMORY_METHODS, OPERATION_METHODS } from "./adapter-operations";
import { type CapabilityDeclarations, CapabilityRegistry, declarationFor } from "./capability-registry";
import { collect } from "./collect";
import type { ExecuteOptions, HarnessAdapter, MemoryOperations, RegisterToolRequest } from "./harness-adapter";

const providedMemory = new WeakMap<object, ReadonlySet<string>>();
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
  execute(request: ExecuteRequest, options?: ExecuteOptions): Promise<ExecutionResult> {
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
      group[method] =
        operations[method] ?? (() => this.unsupported("memory", memoryOperation(method) as CapabilityOperation<"memory">));
    }
    providedMemory.set(group, new Set(MEMORY_METHODS.filter((method) => operations[method])));
    return group as unknown as MemoryOperations;
  }

  /** A rejected promise carrying the operation's `UnsupportedFeatureError`. */
  protected unsupported<D extends CapabilityDomain>(domain: D, operation: CapabilityOperation<D>): Promise<never> {
    return Promise.reject(this.capabilities.unsupportedError(domain, operation));
  }

  #overrides(method: string): boolean {
    const own = (this as unknown as Record<string, unknown>)[method];
    return own !== (HarnessAdapterBase.prototype as unknown as Record<string, unknown>)[method];
  }

  #isImplemented(method: string): boolean {
    if (method.startsWith("memory.")) return providedMemory.get(this.memory)?.has(method.slice(7)) ?? false;
    if (method === "execute") return this.#overrides("execute") || this.#overrides("executeStream");
    return this.#overrides(method);
  }

  #deriveCapabilities(): CapabilityRegistry {
    const declarations = this.declareCapabilities();
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
}
