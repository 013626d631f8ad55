import type { Cluster, Platform } from '@strata/model';
import type { AppUnit } from './unit.ts';

/** A capability of the platform (tenancy, services, monitoring, …) rendered per cluster. */
export interface Component {
  readonly name: string;
  /** Pure: the same platform and cluster always give the same units. */
  render(platform: Platform, cluster: Cluster): readonly AppUnit[];
}
