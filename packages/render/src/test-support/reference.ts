/** Test support: the reference platform, normalized, with changes for one test. */
import { formatDiagnostic, validatePlatform, type Cluster, type Platform, type PlatformSpec } from '@strata/model';
import { platform as reference } from '../../../../platform/index.ts';

export type MutableSpec = { -readonly [K in keyof PlatformSpec]: PlatformSpec[K] };

/** The reference platform, normalized, after `change` edits a deep copy of its definition. */
export function platformWith(change: (spec: MutableSpec) => void = () => {}): Platform {
  const spec = structuredClone({ ...reference }) as MutableSpec;
  change(spec);
  const result = validatePlatform(spec);
  if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
  return result.platform;
}

export function clusterOf(platform: Platform, name: string): Cluster {
  const cluster = platform.clusters.find((c) => c.name === name);
  if (cluster === undefined) throw new Error(`no cluster ${name}`);
  return cluster;
}
