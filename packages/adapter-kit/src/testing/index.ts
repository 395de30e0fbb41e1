export {
  type AdapterConformanceOptions,
  adapterConformanceCases,
  type ConformanceCase,
  type ConformanceCaseOptions,
  type ConformanceContext,
  type ConformanceEnv,
} from "./adapter-conformance-cases";
export { assertStreamInvariants } from "./assert-stream-invariants";
export { collectEvents } from "./collect-events";
export { ConformanceSkip } from "./conformance-skip";
export { describeAdapterConformance } from "./describe-adapter-conformance";
export { type ConformanceReport, type ConformanceResult, runAdapterConformance } from "./run-adapter-conformance";
