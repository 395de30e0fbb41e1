import type { ApprovalAnswer } from "@openharness/letta";

interface Waiting {
  resolve(answer: ApprovalAnswer): void;
}

/**
 * Approval requests waiting for the browser: a turn's `onApproval` waits here until the page
 * answers (`POST /api/approvals/:id`), or the turn is stopped.
 */
export class PendingApprovals {
  readonly #waiting = new Map<string, Waiting>();

  /** Waits for the answer to request `id`; a stopped turn denies it. */
  wait(id: string, signal: AbortSignal): Promise<ApprovalAnswer> {
    return new Promise((resolve) => {
      const stop = () => {
        this.#waiting.delete(id);
        resolve({ approve: false, reason: "the turn was stopped" });
      };
      if (signal.aborted) return stop();
      signal.addEventListener("abort", stop, { once: true });
      this.#waiting.set(id, {
        resolve: (answer) => {
          signal.removeEventListener("abort", stop);
          this.#waiting.delete(id);
          resolve(answer);
        },
      });
    });
  }

  /** Answers request `id`; false when nothing waits for it. */
  answer(id: string, answer: ApprovalAnswer): boolean {
    const waiting = this.#waiting.get(id);
    waiting?.resolve(answer);
    return waiting !== undefined;
  }
}
