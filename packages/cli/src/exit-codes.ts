/** Exit codes of the CLI contract (ARCHITECTURE.md). */
export const exitCodes = {
  ok: 0,
  /** The definition or the rendered tree has errors. */
  errors: 1,
  usage: 2,
  drift: 3,
  internal: 70,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** Bad usage: printed with the usage text, exit 2. */
export class UsageError extends Error {}
