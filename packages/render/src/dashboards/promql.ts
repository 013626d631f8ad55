/** PromQL shapes that the RED panels share. */

/** `bad / all`, where a group without bad series counts as 0 rather than vanishing from the result. */
export function ratioOrZero(bad: string, all: string): string {
  return `(\n  ${bad}\n  or\n  0 * ${all}\n)\n/\n${all}`;
}

/** `histogram_quantile(q, sum by (le, …) (rate(<histogram>_bucket{matchers}[range])))`. */
export function histogramQuantile(q: number, histogram: string, matchers: string, by: readonly string[], range: string): string {
  return `histogram_quantile(${q}, sum by (${['le', ...by].join(', ')}) (rate(${histogram}_bucket{${matchers}}[${range}])))`;
}
