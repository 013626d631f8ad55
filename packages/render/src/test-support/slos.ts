import { normalizeSlos, type Slo } from '../slo/burn-rate.ts';
import type { SloSpec } from '../slo/types.ts';

/** Normalized SLOs for tests; throws with the diagnostics when a spec is invalid. */
export function normalized(specs: readonly SloSpec[]): Slo[] {
  const { slos, diagnostics } = normalizeSlos(specs);
  if (diagnostics.length > 0) throw new Error(JSON.stringify(diagnostics));
  return slos;
}
