import { hasMarker, mark } from "./error-marker";
import { OpenHarnessError } from "./openharness-error";

const marker = Symbol.for("openharness.error.UnsupportedFeatureError");

// Declarations are written as phrases or as sentences; either way the message gets one full stop.
const sentence = (text: string) => text.trim().replace(/[.\s]+$/, "");

/** Where and why a feature is unsupported, and what to do instead. */
export interface UnsupportedFeatureErrorOptions {
  harness: string;
  domain: string;
  operation: string;
  reason: string;
  workaround?: string;
}

/**
 * The harness cannot do this. The message says which operation, why, and the workaround, so a
 * caller never meets a silent no-op. Maps to the spec's HTTP 501 `CAPABILITY_NOT_SUPPORTED`.
 */
export class UnsupportedFeatureError extends OpenHarnessError {
  override readonly harness: string;
  override readonly domain: string;
  override readonly operation: string;
  readonly reason: string;
  readonly workaround?: string;

  constructor(options: UnsupportedFeatureErrorOptions) {
    const workaround = options.workaround ? ` Workaround: ${sentence(options.workaround)}.` : "";
    super({
      code: "capability_not_supported",
      message: `${options.harness} does not support ${options.domain}.${options.operation}: ${sentence(options.reason)}.${workaround}`,
      harness: options.harness,
      domain: options.domain,
      operation: options.operation,
      details: { reason: options.reason, ...(options.workaround ? { workaround: options.workaround } : {}) },
    });
    this.name = "UnsupportedFeatureError";
    mark(this, marker);
    this.harness = options.harness;
    this.domain = options.domain;
    this.operation = options.operation;
    this.reason = options.reason;
    this.workaround = options.workaround;
  }

  static override isInstance(error: unknown): error is UnsupportedFeatureError {
    return hasMarker(error, marker);
  }
}
