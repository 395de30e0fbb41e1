/** One way an exchange departs from the spec. */
export interface ContractViolation {
  /** `METHOD /path -> status`. */
  exchange: string;
  /** `request.body`, `request.query.limit`, `response.body`, `sse.frame[3]`, … */
  location: string;
  message: string;
}

/** Formats violations for a test failure message. */
export function formatViolations(violations: readonly ContractViolation[]): string {
  return violations.map((v) => `  - ${v.exchange} @ ${v.location}: ${v.message}`).join("\n");
}
