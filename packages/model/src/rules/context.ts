import type { Diagnostic, DiagnosticCode } from '../diagnostic.ts';
import { formatPath, type PathSegment } from '../path.ts';
import type { Platform } from '../platform.ts';
import type { ParsedSpec } from '../schema.ts';

/** What a rule sees: the definition as written (for paths) and as normalized (for values). */
export class RuleContext {
  readonly spec: ParsedSpec;
  readonly platform: Platform;
  readonly diagnostics: Diagnostic[] = [];

  constructor(spec: ParsedSpec, platform: Platform) {
    this.spec = spec;
    this.platform = platform;
  }

  error(code: DiagnosticCode, path: readonly PathSegment[], message: string, hint?: string): void {
    this.add('error', code, path, message, hint);
  }

  warning(code: DiagnosticCode, path: readonly PathSegment[], message: string, hint?: string): void {
    this.add('warning', code, path, message, hint);
  }

  private add(
    severity: Diagnostic['severity'],
    code: DiagnosticCode,
    path: readonly PathSegment[],
    message: string,
    hint: string | undefined,
  ): void {
    const at = formatPath(this.spec, path);
    this.diagnostics.push(hint === undefined ? { severity, code, path: at, message } : { severity, code, path: at, message, hint });
  }
}

/** A rule adds diagnostics to the context; it never throws and never stops the others. */
export type Rule = (context: RuleContext) => void;

/** `a, b and c` for messages. */
export function listOf(items: readonly string[]): string {
  if (items.length === 0) return '(none)';
  return items.join(', ');
}
