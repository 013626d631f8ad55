import { createProgress, type Progress } from './progress.ts';

/** Where a command prints: results on stdout, diagnostics and progress on stderr. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
  json(value: unknown): void;
  readonly progress: Progress;
}

export function processOutput(): Output {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    json: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    progress: createProgress(),
  };
}
