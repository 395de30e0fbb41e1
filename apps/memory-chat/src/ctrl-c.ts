/**
 * What Ctrl-C (SIGINT) does: during a turn, cancel the turn; otherwise, or pressed again while
 * the turn is being cancelled, quit.
 */
export class CtrlC {
  /** Called to quit; `turnRunning` says a turn is still winding down. */
  onQuit: (turnRunning: boolean) => void = () => process.exit(130);
  /** Called when a turn is being cancelled. */
  onCancel: () => void = () => {};
  #turn: AbortController | undefined;

  /** A turn starts: Ctrl-C now cancels it through the returned signal. */
  startTurn(): AbortSignal {
    this.#turn = new AbortController();
    return this.#turn.signal;
  }

  endTurn(): void {
    this.#turn = undefined;
  }

  press(): void {
    const turn = this.#turn;
    if (turn === undefined || turn.signal.aborted) {
      this.onQuit(turn !== undefined);
      return;
    }
    this.onCancel();
    // Abort from a microtask, not from the signal handler's own tick: with msw 3 (the emulator)
    // an abort from a macrotask makes Node's fetch (undici) throw an uncaught assertion, because
    // the mocked socket then reports "close" before "error". Harmless for a real server.
    queueMicrotask(() => turn.abort());
  }
}
