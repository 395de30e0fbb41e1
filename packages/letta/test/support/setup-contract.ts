/** Vitest setup: every Letta emulator exchange of every adapter test is checked against Letta's OpenAPI spec. */
import { installLettaContractChecks } from "@openharness/letta-emulator/contract";
import { afterEach, beforeEach } from "vitest";

installLettaContractChecks({ beforeEach, afterEach });
