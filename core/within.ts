/**
 * `work`, or a rejection once `ms` have passed without its answer (the work itself is not
 * cancelled: a query or a shutdown step that hangs must not hold its caller, who goes on).
 */
export function within<T>(ms: number, work: PromiseLike<T>, message = `no answer within ${ms} ms`): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
