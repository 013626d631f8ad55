/**
 * Terraform version constraints (`>= 1.9, < 2.0`, `~> 6.0`, `21.19.0`): whether one has a
 * lower and an upper bound, so that a new major release cannot slip in unreviewed.
 */

export interface ConstraintBounds {
  /** Every comma-separated part parsed as `[operator] version`. */
  readonly valid: boolean;
  readonly lower: boolean;
  readonly upper: boolean;
}

const part = /^(>=|<=|>|<|~>|!=|=)?\s*v?\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?$/;

export function constraintBounds(constraint: string): ConstraintBounds {
  let valid = constraint.trim() !== '';
  let lower = false;
  let upper = false;
  for (const raw of constraint.split(',')) {
    const text = raw.trim();
    const match = part.exec(text);
    if (!match) {
      valid = false;
      continue;
    }
    const operator = match[1] ?? '=';
    // `~> 1.2` allows >= 1.2 and < 2.0; an exact version is both bounds at once.
    if (operator === '>=' || operator === '>' || operator === '~>' || operator === '=') lower = true;
    if (operator === '<' || operator === '<=' || operator === '~>' || operator === '=') upper = true;
  }
  return { valid, lower, upper };
}

/** A constraint with both bounds, e.g. `>= 1.9, < 2.0`, `~> 6.28` or an exact `21.19.0`. */
export function isBounded(constraint: string): boolean {
  const bounds = constraintBounds(constraint);
  return bounds.valid && bounds.lower && bounds.upper;
}
