import { UnsupportedFeatureError } from "@openharness/adapter-kit";
import type { CapabilityDomain, CapabilityOperation, ExecuteRequest } from "@openharness/types";

/**
 * Why a request field cannot be honoured, filed under the vocabulary operation it belongs to
 * (typed, so an error never names an operation the contract does not have). `reason` names the field.
 */
export type UnsupportedField = {
  [D in CapabilityDomain]: { domain: D; operation: CapabilityOperation<D>; reason: string; workaround: string };
}[CapabilityDomain];

/** Request fields a backend refuses, each with why and what to do instead. */
export type UnsupportedRequestFields = Partial<Record<keyof ExecuteRequest, UnsupportedField>>;

/** Throws `UnsupportedFeatureError` for the first field of `request` in `fields`, before anything is sent. */
export function rejectUnsupportedFields(request: ExecuteRequest, fields: UnsupportedRequestFields, harness: string) {
  // `for...in`, not `Object.entries`: this runs on every turn, and should allocate nothing.
  for (const field in fields) {
    const unsupported = fields[field as keyof ExecuteRequest];
    if (unsupported && request[field as keyof ExecuteRequest] !== undefined)
      throw new UnsupportedFeatureError({ harness, ...unsupported });
  }
}
