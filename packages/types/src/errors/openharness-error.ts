import type { ErrorPayload } from "../error-payload";
import type { ExecutionResult } from "../execution-result";
import type { JsonObject } from "../json-object";
import { hasMarker, mark } from "./error-marker";

const marker = Symbol.for("openharness.error");

/** What every OpenHarness error is built from. */
export interface OpenHarnessErrorOptions {
  code: string;
  message: string;
  cause?: unknown;
  /** The harness the error comes from, by display name (`Letta`), as the registry and messages name it. */
  harness?: string;
  domain?: string;
  operation?: string;
  details?: JsonObject;
  /** Whether the same call may succeed if tried again later. */
  retryable?: boolean;
  /** What an execution produced before it failed. */
  partial?: ExecutionResult;
}

/** What a specific error class is built from: the base options, with `code` defaulted. */
export type ErrorContext = Omit<OpenHarnessErrorOptions, "code"> & { code?: string };

/**
 * The base of every error the OpenHarness libraries throw. Structured fields, a stable `code`, and
 * an `isInstance` check that works across duplicate copies of the package; `instanceof` does too,
 * for these classes (a bundled copy, such as the one inside `@openharness/letta`, stays recognised).
 */
export class OpenHarnessError extends Error {
  readonly code: string;
  readonly harness?: string;
  readonly domain?: string;
  readonly operation?: string;
  readonly details: JsonObject;
  readonly retryable: boolean;
  /** What the execution produced before it failed (output, tool calls, usage), when it was one. */
  partial?: ExecutionResult;

  constructor(options: OpenHarnessErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "OpenHarnessError";
    mark(this, marker);
    this.code = options.code;
    this.harness = options.harness;
    this.domain = options.domain;
    this.operation = options.operation;
    this.details = options.details ?? {};
    this.retryable = options.retryable ?? false;
    this.partial = options.partial;
  }

  /** True for any OpenHarness error, from any copy of this package. */
  static isInstance(error: unknown): error is OpenHarnessError {
    return hasMarker(error, marker);
  }

  /**
   * `instanceof` by the same mark as `isInstance`, for the classes that define one; a subclass of
   * the caller's own without an `isInstance` gets the ordinary prototype check.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return Object.hasOwn(this, "isInstance")
      ? (this as unknown as { isInstance(v: unknown): boolean }).isInstance(value)
      : Function.prototype[Symbol.hasInstance].call(this, value);
  }

  /** The wire form: the spec's error body. */
  toPayload(): ErrorPayload {
    const payload: ErrorPayload = { code: this.code, message: this.message };
    if (this.domain) payload.domain = this.domain;
    if (this.operation) payload.operation = this.operation;
    const details: JsonObject = { ...this.details };
    if (this.harness) details.harness = this.harness;
    // Always written, so a receiver can tell "not retryable" from "unknown" and the class default.
    details.retryable = this.retryable;
    payload.details = details;
    return payload;
  }

  toJSON(): ErrorPayload & { name: string } {
    return { name: this.name, ...this.toPayload() };
  }
}

/** `details` with the given structured fields added, leaving out the undefined ones. */
export function withDetails(details: JsonObject | undefined, fields: JsonObject): JsonObject {
  const out: JsonObject = { ...details };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}
