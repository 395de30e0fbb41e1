import {
  CAPABILITY_DOMAINS,
  CAPABILITY_VOCABULARY,
  type CapabilityDomain,
  type CapabilityManifest,
  type CapabilityOperation,
  type CapabilityStatus,
  type DomainCapability,
  type OperationCapability,
  OperationCapabilitySchema,
} from "@openharness/types";
import { UnsupportedFeatureError } from "@openharness/types/errors";

/** Who the capabilities belong to. */
export interface HarnessIdentity {
  id: string;
  name: string;
  version: string;
}

/** What an adapter states about one operation: its status, and why and what instead when it is not full. */
export interface CapabilityDeclaration {
  status?: CapabilityStatus;
  reason?: string;
  workaround?: string;
  limitations?: string[];
}

/**
 * An adapter's statements, per domain and operation. A whole domain can be declared at once
 * (`sessions: { status: "unsupported", reason, workaround }`).
 */
export type CapabilityDeclarations = {
  [D in CapabilityDomain]?: CapabilityDeclaration | { [O in CapabilityOperation<D>]?: CapabilityDeclaration };
};

/** One row of the registry. */
export interface CapabilityEntry extends OperationCapability {
  domain: CapabilityDomain;
  operation: string;
}

/**
 * The support of every operation of the vocabulary for one harness. Callers query it before
 * calling; adapters use it to throw {@link UnsupportedFeatureError} with the declared reason.
 */
export class CapabilityRegistry {
  readonly harness: HarnessIdentity;
  readonly #entries: Map<string, OperationCapability>;

  /** `entries` by `domain.operation`; an operation left out is unsupported. */
  constructor(harness: HarnessIdentity, entries: Record<string, OperationCapability>) {
    this.harness = harness;
    this.#entries = new Map();
    for (const [key, entry] of Object.entries(entries)) {
      const [domain = "", operation = "", ...rest] = key.split(".");
      if (rest.length > 0 || !isVocabulary(domain, operation)) {
        throw new Error(`Unknown capability "${key}": not in the OpenHarness vocabulary.`);
      }
      const parsed = OperationCapabilitySchema.safeParse(entry);
      if (!parsed.success) throw new Error(`Invalid capability "${key}": ${parsed.error.issues[0]?.message}.`);
      this.#entries.set(key, copy(parsed.data));
    }
  }

  /** The support of `domain.operation`. Throws for an operation outside the vocabulary (a typo). */
  get<D extends CapabilityDomain>(domain: D, operation: CapabilityOperation<D>): OperationCapability {
    if (!isVocabulary(domain, operation)) {
      throw new Error(`Unknown capability "${domain}.${operation}": not in the OpenHarness vocabulary.`);
    }
    const entry = this.#entries.get(`${domain}.${operation}`);
    // A copy, so a caller editing the answer cannot change what the adapter reports.
    return entry
      ? copy(entry)
      : { status: "unsupported", reason: `the ${this.harness.name} adapter does not provide it` };
  }

  /** True when the operation can be called (`supported` or `partial`). */
  isSupported<D extends CapabilityDomain>(domain: D, operation: CapabilityOperation<D>): boolean {
    return this.get(domain, operation).status !== "unsupported";
  }

  /** Throws {@link UnsupportedFeatureError} when the operation is unsupported. */
  assertSupported<D extends CapabilityDomain>(domain: D, operation: CapabilityOperation<D>): void {
    if (!this.isSupported(domain, operation)) throw this.unsupportedError(domain, operation);
  }

  /** The error for calling `domain.operation`, with the declared reason and workaround. */
  unsupportedError<D extends CapabilityDomain>(domain: D, operation: CapabilityOperation<D>): UnsupportedFeatureError {
    const entry = this.get(domain, operation);
    return new UnsupportedFeatureError({
      harness: this.harness.name,
      domain,
      operation,
      reason: entry.reason ?? "not supported",
      workaround: entry.workaround,
    });
  }

  /** Every operation of the vocabulary, optionally only those with `status`. */
  list(status?: CapabilityStatus): CapabilityEntry[] {
    const rows: CapabilityEntry[] = [];
    for (const domain of CAPABILITY_DOMAINS) {
      for (const operation of CAPABILITY_VOCABULARY[domain]) {
        const entry = this.get(domain, operation as CapabilityOperation<typeof domain>);
        if (status === undefined || entry.status === status) rows.push({ domain, operation, ...entry });
      }
    }
    return rows;
  }

  /** The serialisable manifest: every domain, every operation. */
  toManifest(): CapabilityManifest {
    const capabilities = {} as Record<CapabilityDomain, DomainCapability>;
    for (const domain of CAPABILITY_DOMAINS) {
      const operations: Record<string, OperationCapability> = {};
      for (const operation of CAPABILITY_VOCABULARY[domain]) {
        operations[operation] = this.get(domain, operation as CapabilityOperation<typeof domain>);
      }
      const supported = Object.values(operations).some((op) => op.status !== "unsupported");
      capabilities[domain] = { supported, operations };
    }
    return {
      harness_id: this.harness.id,
      harness_name: this.harness.name,
      version: this.harness.version,
      capabilities,
    };
  }
}

function isVocabulary(domain: string, operation: string): boolean {
  return (
    Object.hasOwn(CAPABILITY_VOCABULARY, domain) &&
    (CAPABILITY_VOCABULARY as Record<string, readonly string[]>)[domain]!.includes(operation)
  );
}

function copy(entry: OperationCapability): OperationCapability {
  return entry.limitations ? { ...entry, limitations: [...entry.limitations] } : { ...entry };
}

/** The declaration that applies to one operation (its own, else its domain's). */
export function declarationFor(
  declarations: CapabilityDeclarations,
  domain: CapabilityDomain,
  operation: string,
): CapabilityDeclaration | undefined {
  const forDomain = declarations[domain] as Record<string, unknown> | undefined;
  if (!forDomain) return undefined;
  const isDomainWide = ["status", "reason", "workaround", "limitations"].some((key) => key in forDomain);
  return (isDomainWide ? forDomain : forDomain[operation]) as CapabilityDeclaration | undefined;
}
