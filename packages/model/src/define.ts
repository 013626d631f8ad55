import type { PlatformSpec } from './spec.ts';

const platformBrand = Symbol.for('strata.platform');

/** A definition, marked so that the CLI can find it among a module's exports. */
export type PlatformDefinition = PlatformSpec & { readonly [platformBrand]: true };

/** Declares a platform. Typed for the editor; checked by `validatePlatform` when rendered. */
export function definePlatform(spec: PlatformSpec): PlatformDefinition {
  return Object.defineProperty({ ...spec }, platformBrand, { value: true, enumerable: false }) as PlatformDefinition;
}

export function isPlatformDefinition(value: unknown): value is PlatformDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[platformBrand] === true;
}
