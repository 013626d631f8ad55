import type { ChartName } from './charts.ts';
import type { KubeObject } from './kube.ts';

/**
 * What a component contributes to one cluster: a unit becomes one Argo CD
 * Application. The gitops engine turns units into files; components never write paths.
 */
export type AppUnit = ChartUnit | ManifestUnit;

interface UnitBase {
  /** Application name, unique within the cluster; also the folder or values file name. */
  readonly name: string;
  /** Destination namespace. */
  readonly namespace: string;
  /** AppProject: a team name, or the platform project. */
  readonly project: string;
  readonly wave: number;
  /** `group/Kind` of CRDs the unit installs (charts only; manifests carry their CRDs). */
  readonly providesCrds?: readonly string[];
  /** Let Argo CD create the namespace (for add-ons whose namespace tenancy does not render). */
  readonly createNamespace?: boolean;
  /** Server-side apply, needed for CRDs too large for the last-applied annotation. */
  readonly serverSideApply?: boolean;
}

/** An upstream Helm chart, rendered by Argo CD from a pinned version and a values file in the tree. */
export interface ChartUnit extends UnitBase {
  readonly type: 'chart';
  readonly chart: ChartName;
  readonly values: Readonly<Record<string, unknown>>;
  /** Lines written as `# …` comments above the values (what the values need that Git must not hold). @default [] */
  readonly valuesHeader?: readonly string[];
}

/** Manifests rendered by Strata into a Kustomize folder of the tree. */
export interface ManifestUnit extends UnitBase {
  readonly type: 'manifests';
  readonly objects: readonly KubeObject[];
  /** Images for the kustomization's `images:` (what Argo CD Image Updater rewrites). */
  readonly images?: readonly KustomizeImage[];
}

export interface KustomizeImage {
  readonly name: string;
  readonly newTag?: string;
  readonly digest?: string;
}
