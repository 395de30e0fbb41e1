/** Collects every item of an async iterable. */
export function collect<T>(iterable: AsyncIterable<T>): Promise<T[]>;
/** What `promise` rejected with; fails when it resolves. */
export function rejection<E = unknown>(promise: Promise<unknown>): Promise<E>;
