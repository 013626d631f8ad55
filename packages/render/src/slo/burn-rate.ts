/**
 * Checks and normalization of SLOs given as a list (OpenSLO import, benchmarks,
 * tests), with the model's diagnostics; a platform's SLOs are checked by the model.
 */
import { formatPath } from './path.ts';
import { normalizeSlo, sloProblems, type Diagnostic, type Slo } from '@strata/model';
import type { SloSpec } from './types.ts';

export {
  burnRateWindows,
  errorBudgetOf,
  formatNumber,
  openTelemetryDefaultBuckets,
  parseWindow,
  type BurnRateTier,
  type BurnRateWindow,
  type Slo,
  type SloTierName,
} from '@strata/model';

/** Every problem of each SLO, all at once; `path` is where the list sits, e.g. `slos` or `services.orders.slos`. */
export function checkSlos(specs: readonly SloSpec[], path = 'slos'): Diagnostic[] {
  return specs.flatMap((spec, index) => checkSlo(spec, `${path}[${index}]`));
}

export function checkSlo(spec: SloSpec, path: string): Diagnostic[] {
  return sloProblems({ spec, paths: { objective: ['objective'], thresholdSeconds: ['indicator', 'thresholdSeconds'] } }).map((p) => ({
    severity: 'error',
    code: p.code,
    path: formatPath(path, p.path),
    message: p.message,
    ...(p.hint === undefined ? {} : { hint: p.hint }),
  }));
}

/** Normalizes SLOs that pass every check; those with errors are left out and reported. */
export function normalizeSlos(specs: readonly SloSpec[], path = 'slos'): { slos: Slo[]; diagnostics: Diagnostic[] } {
  const slos: Slo[] = [];
  const diagnostics: Diagnostic[] = [];
  specs.forEach((spec, index) => {
    const problems = checkSlo(spec, `${path}[${index}]`);
    diagnostics.push(...problems);
    if (problems.length === 0) slos.push(normalizeSlo(spec.service, spec.team, spec));
  });
  return { slos, diagnostics };
}
