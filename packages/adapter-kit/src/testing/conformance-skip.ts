/** Thrown by a conformance check that does not apply to the adapter (`env.skip(reason)`). */
export class ConformanceSkip extends Error {
  constructor(readonly reason: string) {
    super(`skipped: ${reason}`);
    this.name = "ConformanceSkip";
  }
}
