import { Writable } from 'node:stream';

export interface LogSink {
  /** Pass as `startService(…, { logDestination })`. */
  readonly stream: Writable;
  /** Every JSON line written so far, parsed. */
  readonly lines: Array<Record<string, unknown>>;
}

/** Collects a service's JSON log lines, for tests that assert what was logged. */
export function logSink(): LogSink {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { stream, lines };
}
