import type { Diagnostic } from './diagnostic.ts';
import { hasErrors } from './diagnostic.ts';
import { normalize } from './normalize.ts';
import type { Platform } from './platform.ts';
import {
  checkExposure,
  checkImages,
  checkNames,
  checkObservability,
  checkPorts,
  checkQuantities,
  checkQuotas,
  checkReferences,
  checkRetentionCoversSlos,
  checkServiceSettings,
  checkSlos,
  checkSyncWindows,
  RuleContext,
  type Rule,
} from './rules/index.ts';
import { platformSchema } from './schema.ts';
import { structuralDiagnostics } from './structure.ts';

/** The semantic rules, in the order their diagnostics are listed. */
export const rules: readonly Rule[] = [
  checkNames,
  checkReferences,
  checkImages,
  checkPorts,
  checkQuantities,
  checkServiceSettings,
  checkExposure,
  checkSyncWindows,
  checkObservability,
  checkSlos,
  checkRetentionCoversSlos,
  checkQuotas,
];

export type ValidationResult =
  | { readonly ok: true; readonly platform: Platform; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Checks a definition and normalizes it. Every problem is reported at once: all
 * structural problems, or (when the structure is sound) every semantic rule's.
 * Never throws for bad input.
 */
export function validatePlatform(input: unknown): ValidationResult {
  const parsed = platformSchema.safeParse(input);
  if (!parsed.success) return { ok: false, diagnostics: structuralDiagnostics(platformSchema, input, parsed.error) };
  const platform = normalize(parsed.data);
  const context = new RuleContext(parsed.data, platform);
  for (const rule of rules) rule(context);
  return hasErrors(context.diagnostics)
    ? { ok: false, diagnostics: context.diagnostics }
    : { ok: true, platform, diagnostics: context.diagnostics };
}
