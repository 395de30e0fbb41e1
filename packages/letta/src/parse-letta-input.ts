import { InvalidRequestError, parseInput } from "@openharness/adapter-kit";
import type { z } from "zod";
import { lettaIdProblem } from "./letta-id-problem";
import { argumentSchema, ID_PREFIXES } from "./letta-input-schemas";

/** Where an input is checked, so its error names the domain and operation the caller used. */
export interface LettaInputWhere {
  domain: string;
  operation: string;
}

/** `value` checked by `schema`, or `InvalidRequestError` naming `what` and each bad field. */
export function parseLettaInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  where: LettaInputWhere,
): z.output<S> {
  return parseInput(schema, value, { what, harness: "Letta", ...where });
}

/** A checked id or label argument; the error names it (`agentId: expected a Letta agent id ...`). */
export function parseLettaArgument(value: unknown, name: string, where: LettaInputWhere): string {
  checkLettaId(value, name, name, where);
  return parseLettaInput(argumentSchema(name), { [name]: value }, name, where)[name] as string;
}

/**
 * Rejects a string that is not a Letta id of the kind `field` names, saying what is wrong with it
 * (zod would only say "given: string"). Other values are left to the schema.
 */
export function checkLettaId(value: unknown, field: string, what: string, where: LettaInputWhere): void {
  const prefix = ID_PREFIXES[field];
  if (prefix === undefined || typeof value !== "string") return;
  const problem = lettaIdProblem(prefix, value);
  if (problem) {
    throw new InvalidRequestError({
      what,
      message: `Invalid ${field}: ${problem}.`,
      issues: [{ path: field, message: problem }],
      harness: "Letta",
      ...where,
    });
  }
}
