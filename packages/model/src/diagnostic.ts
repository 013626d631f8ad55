/**
 * A problem in a platform definition, printed on one line as
 * `error STR022 services.storefront.calls[1]: calls unknown service "payments" (declared services: inventory, orders)`.
 */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  /** Stable code, `STR` and three digits; see `diagnosticCodes`. */
  readonly code: DiagnosticCode;
  /** Path into the definition, e.g. `services.orders.image.tag`; `<file>` for load failures. */
  readonly path: string;
  readonly message: string;
  /** How to fix it, when there is something to say beyond the message. */
  readonly hint?: string;
}

/** Every diagnostic code, with what it means. Codes are never reused. */
export const diagnosticCodes = {
  STR001: 'a value has the wrong type or is missing',
  STR002: 'a field is not part of the definition (typo?)',
  STR003: 'a value is not one of the allowed choices',
  STR004: 'a number is out of range',
  STR010: 'a name is not a valid DNS label or DNS name',
  STR011: 'two things share a name that must be unique',
  STR012: 'an SLO objective is not a percentage below 100',
  STR020: 'a service names a team that does not exist',
  STR021: 'a cluster names an environment that does not exist',
  STR022: 'a service calls a service that does not exist',
  STR023: 'a service calls itself',
  STR024: 'a service runs in a namespace its team does not own',
  STR025: 'a namespace is owned by more than one team',
  STR026: 'an override names an environment that does not exist',
  STR027: 'an environment has no cluster (warning)',
  STR030: 'an image has neither a tag nor a digest',
  STR031: 'an image uses a floating tag such as latest',
  STR032: 'an image digest is malformed',
  STR040: "a team's quota is below the sum of its services' requests",
  STR041: 'a resource quantity is malformed',
  STR042: 'a resource request exceeds its limit',
  STR043: 'autoscaling bounds are inconsistent',
  STR044: 'a probe or metrics endpoint names a port the service does not have',
  STR045: 'two ports of a service share a name or number',
  STR046: 'an env var name is invalid',
  STR050: 'a public host is invalid or used twice',
  STR051: 'a sync window is malformed',
  STR052: 'the platform repository URL is not a Git URL',
  STR053: 'an object storage bucket name is invalid',
  STR054: 'object storage is set for a cluster provider that does not support it',
  STR055: 'the alerting secret name is not a valid Secret name',
  STR056: 'a Prometheus retention is not a duration',
  STR060: 'the definition file could not be loaded',
  STR061: 'the definition file does not export a platform',
  STR071: 'an SLO window is not a number of days or hours',
  STR072: 'a burn-rate alert threshold can never be reached (factor × error budget ≥ 1)',
  STR073: "a latency threshold is not a bucket bound of OpenTelemetry's default histogram",
  STR074: 'an SLO window is shorter than the long window of one of its alerting tiers',
  STR075: 'an SLO indicator is not a counter selector or histogram',
  STR076: 'a Prometheus retention is shorter than an SLO window (warning)',
  STR080: 'an OpenSLO input is not YAML or holds no document',
  STR081: 'an OpenSLO document has an apiVersion or kind Strata does not read',
  STR082: 'an OpenSLO field is missing, has the wrong type or an unknown value',
  STR083: 'an OpenSLO SLO uses a feature Strata cannot express (thresholdMetric, raw ratios, Timeslices, calendar windows, sources other than Prometheus, …)',
  STR084: 'an OpenSLO reference names no document of the input',
  STR085: 'an OpenSLO field has no place in Strata and was not imported (warning)',
} as const;

export type DiagnosticCode = keyof typeof diagnosticCodes;

export function formatDiagnostic(diagnostic: Diagnostic): string {
  const line = `${diagnostic.severity} ${diagnostic.code} ${diagnostic.path}: ${diagnostic.message}`;
  return diagnostic.hint === undefined ? line : `${line} (hint: ${diagnostic.hint})`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
