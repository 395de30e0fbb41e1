import { OpenHarnessError } from "@openharness/letta";
import { AppError } from "./app-error";

/**
 * True for the failures a user can meet and fix (no key, bad URL, unknown agent, network): the
 * OpenHarness errors the adapter throws, and the app's own {@link AppError}.
 */
export function isExpectedError(error: unknown): error is OpenHarnessError | AppError {
  return error instanceof AppError || OpenHarnessError.isInstance(error);
}

/**
 * One line saying what failed and what to do, for an expected failure; the stack for anything
 * else (a bug is worth its stack trace).
 */
export function describeError(what: string, error: unknown, hint?: string): string {
  if (!isExpectedError(error)) {
    return `${what}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  }
  const message = error.message.replace(/\s+/g, " ").trim();
  const advice = (error instanceof AppError ? error.hint : undefined) ?? hint;
  if (!advice) return `${what}: ${message}`;
  return `${what}: ${message}${/[.!?]$/.test(message) ? "" : "."} ${advice}`;
}
