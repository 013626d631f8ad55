import { describe, expect, it } from 'vitest';
import { constraintBounds, isBounded } from './version-constraint.ts';

describe('isBounded', () => {
  it.each([
    ['>= 1.9, < 2.0', true],
    ['>=1.10,<2.0', true],
    ['~> 6.28', true],
    ['21.19.0', true],
    ['= 0.11.0', true],
    ['>= 6.28', false],
    ['< 2.0', false],
    ['!= 1.5.0', false],
    ['', false],
    ['latest', false],
    ['>= 1.9, < two', false],
  ])('GIVEN %j THEN bounded is %s', (constraint, expected) => {
    expect(isBounded(constraint)).toBe(expected);
  });

  it('GIVEN a lower bound only THEN it has a lower and no upper bound', () => {
    expect(constraintBounds('>= 3.6')).toEqual({ valid: true, lower: true, upper: false });
  });
});
