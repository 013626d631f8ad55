/** `slos[0]` + ['indicator', 'thresholdSeconds'] → `slos[0].indicator.thresholdSeconds`. */
export function formatPath(base: string, segments: readonly (string | number)[]): string {
  return segments.reduce<string>((out, s) => (typeof s === 'number' ? `${out}[${s}]` : `${out}.${s}`), base);
}
