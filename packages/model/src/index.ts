export { definePlatform, isPlatformDefinition, type PlatformDefinition } from './define.ts';
export { diagnosticCodes, formatDiagnostic, hasErrors, type Diagnostic, type DiagnosticCode } from './diagnostic.ts';
export { compare } from './normalize.ts';
export * from './platform.ts';
export { resourceProfiles } from './profiles.ts';
export {
  burnRateWindows,
  defaultSloWindow,
  durationSeconds,
  errorBudgetOf,
  expandSlo,
  formatNumber,
  normalizeSlo,
  openTelemetryDefaultBuckets,
  parseWindow,
  requestDurationHistogram,
  sloProblems,
  type ExpandedSlo,
  type SloProblem,
} from './slo.ts';
export { cpuMillis, parseQuantity } from './quantity.ts';
export type * from './spec.ts';
export { closest } from './suggest.ts';
export { validatePlatform, type ValidationResult } from './validate.ts';
