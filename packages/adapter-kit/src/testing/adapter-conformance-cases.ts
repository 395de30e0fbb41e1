import { CAPABILITY_DOMAINS, CAPABILITY_VOCABULARY, CapabilityManifestSchema } from "@openharness/types";
import { approvalCases } from "./approval-cases";
import { type ConformanceCase, type ConformanceCaseOptions, check, parsed } from "./conformance-support";
import { honestyCases } from "./honesty-cases";
import { lifecycleCases } from "./lifecycle-cases";
import { streamCases } from "./stream-cases";

export type {
  AdapterConformanceOptions,
  ConformanceCase,
  ConformanceCaseOptions,
  ConformanceContext,
  ConformanceEnv,
} from "./conformance-support";

/**
 * The checks of the suite, in order: identity and manifest, capability honesty (which runs
 * first, so checks relying on a false claim are skipped rather than failed again), lifecycles,
 * sessions, input validation, streaming, execute, abort and approvals.
 * `describeAdapterConformance` and `runAdapterConformance` run these.
 */
export function adapterConformanceCases(options: ConformanceCaseOptions): ConformanceCase[] {
  const cases: ConformanceCase[] = [
    {
      group: "identity",
      name: "id, name and version are non-empty strings",
      run: async ({ adapter }) => {
        for (const field of ["id", "name", "version"] as const) {
          check(
            typeof adapter[field] === "string" && adapter[field].trim() !== "",
            `adapter.${field} must be a non-empty string`,
          );
        }
      },
    },
    {
      group: "capabilities",
      name: "the manifest validates and names this adapter",
      run: async ({ adapter }) => {
        const manifest = parsed(CapabilityManifestSchema, adapter.getCapabilityManifest(), "getCapabilityManifest()");
        check(
          manifest.harness_id === adapter.id,
          `manifest.harness_id "${manifest.harness_id}" is not adapter.id "${adapter.id}"`,
        );
        check(
          manifest.harness_name === adapter.name,
          `manifest.harness_name "${manifest.harness_name}" is not adapter.name "${adapter.name}"`,
        );
        check(
          manifest.version === adapter.version,
          `manifest.version "${manifest.version}" is not adapter.version "${adapter.version}"`,
        );
      },
    },
    {
      group: "capabilities",
      name: "the manifest lists all 12 domains with every vocabulary operation",
      run: async ({ adapter }) => {
        const { capabilities } = adapter.getCapabilityManifest();
        const domains = Object.keys(capabilities);
        const missing = CAPABILITY_DOMAINS.filter((domain) => !domains.includes(domain));
        check(missing.length === 0, `manifest is missing domains: ${missing.join(", ")}`);
        for (const domain of CAPABILITY_DOMAINS) {
          const listed = Object.keys(capabilities[domain].operations);
          const absent = CAPABILITY_VOCABULARY[domain].filter((operation) => !listed.includes(operation));
          const extra = listed.filter(
            (operation) => !(CAPABILITY_VOCABULARY[domain] as readonly string[]).includes(operation),
          );
          check(absent.length === 0, `manifest ${domain} is missing operations: ${absent.join(", ")}`);
          check(extra.length === 0, `manifest ${domain} has operations outside the vocabulary: ${extra.join(", ")}`);
        }
      },
    },
    {
      group: "capabilities",
      name: "capabilities agrees with the manifest",
      run: async ({ adapter }) => {
        const { capabilities } = adapter.getCapabilityManifest();
        for (const domain of CAPABILITY_DOMAINS) {
          const operations = capabilities[domain].operations;
          for (const operation of CAPABILITY_VOCABULARY[domain]) {
            const fromRegistry = JSON.stringify(
              (adapter.capabilities.get as (d: string, o: string) => unknown)(domain, operation),
            );
            check(
              fromRegistry === JSON.stringify(operations[operation]),
              `${domain}.${operation}: capabilities says ${fromRegistry}, the manifest ${JSON.stringify(operations[operation])}`,
            );
          }
          const usable = Object.values(operations).some((entry) => entry.status !== "unsupported");
          check(
            capabilities[domain].supported === usable,
            `manifest ${domain}.supported is ${capabilities[domain].supported} but ${usable ? "an operation is usable" : "no operation is usable"}`,
          );
        }
      },
    },
    {
      group: "capabilities",
      name: "every unsupported operation gives a reason and every partial one its limits",
      run: async ({ adapter }) => {
        for (const row of adapter.capabilities.list()) {
          if (row.status === "unsupported")
            check(row.reason?.trim(), `${row.domain}.${row.operation} is unsupported without a reason`);
          if (row.status === "partial")
            check(
              row.limitations?.length || row.reason?.trim(),
              `${row.domain}.${row.operation} is partial without limitations or a reason`,
            );
        }
      },
    },
  ];
  return [
    ...cases,
    ...honestyCases(options),
    ...lifecycleCases(options),
    ...streamCases(options),
    ...approvalCases(options),
  ];
}
