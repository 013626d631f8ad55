/** Resolves when `probe` does within `timeoutMs`; else rejects with a message a readiness probe can show. */
export async function pingWithin(probe: () => Promise<unknown>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  const answer = probe().then(
    () => undefined,
    (error: unknown) => {
      throw new Error(`database is unreachable: ${describeError(error)}`, { cause: error });
    },
  );
  // The probe may fail after the deadline has already answered: that is not news to anyone.
  answer.catch(() => undefined);
  try {
    await Promise.race([answer, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The error of a `tx` used after its transaction() callback has returned. */
export function transactionEndedError(): Error {
  return new Error('this transaction has already ended: use tx only inside the transaction() callback, and await its queries');
}

/** An error's message; Node's AggregateError of a failed connect (IPv4 and IPv6) has none, only a code. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message !== '') return error.message;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error.name;
}
