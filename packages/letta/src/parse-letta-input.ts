import { parseInput } from "@openharness/adapter-kit";
import type { z } from "zod";
import { argumentSchema } from "./letta-input-schemas";

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
  return parseLettaInput(argumentSchema(name), { [name]: value }, name, where)[name] as string;
}
