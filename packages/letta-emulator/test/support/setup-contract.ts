/** Vitest setup: every Letta emulator exchange of every test is checked against the OpenAPI spec. */
import { afterEach, beforeEach } from "vitest";
import { installLettaContractChecks } from "../../src/contract/index.js";

installLettaContractChecks({ beforeEach, afterEach });
