/**
 * The value of `promise` if it settles within `ms`, else undefined; the promise itself runs on
 * (a caller stops waiting, the work does not stop). `promise` must not reject.
 */
export async function firstWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
