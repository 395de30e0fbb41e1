/** An expected failure of the app itself (bad option, unreadable state file), with what to do. */
export class AppError extends Error {
  /** What the user can do about it. */
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = "AppError";
    this.hint = hint;
  }
}
