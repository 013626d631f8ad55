import type { PathSegment } from '../path.ts';
import { retentionSeconds } from '../slo.ts';
import type { Rule, RuleContext } from './context.ts';

/** S3's bucket naming rules: 3–63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit. */
const s3Bucket = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Buckets of `addons.observability` are valid S3 names on every cluster, and used only where S3 exists. */
export const checkObservability: Rule = (context) => {
  const observability = context.spec.addons?.observability;
  if (observability === undefined) return;
  const environments = Object.keys(context.spec.environments);
  for (const [environment, retention] of Object.entries(observability.retention ?? {})) {
    const path = ['addons', 'observability', 'retention', environment];
    if (!environments.includes(environment)) {
      context.error('STR026', path, `unknown environment "${environment}"`, `declared: ${environments.join(', ')}`);
    }
    if (retentionSeconds(retention) === undefined) {
      context.error('STR056', path, `${JSON.stringify(retention)} is not a Prometheus retention`, 'a whole number of hours, days, weeks or years, e.g. 15d');
    }
  }
  for (const signal of ['logs', 'traces'] as const) {
    const bucket = observability[signal]?.bucket;
    if (bucket !== undefined) checkBucket(context, ['addons', 'observability', signal, 'bucket'], bucket);
  }
  const secretName = observability.alerting?.secretName;
  if (secretName !== undefined && (secretName.length > 253 || !dnsSubdomain.test(secretName))) {
    context.error(
      'STR055',
      ['addons', 'observability', 'alerting', 'secretName'],
      `${JSON.stringify(secretName)} is not a valid Secret name`,
      "use lowercase letters, digits, '-' and '.', e.g. alertmanager-receivers",
    );
  }
};

function checkBucket(context: RuleContext, path: readonly PathSegment[], bucket: string): void {
  const clusters = context.platform.clusters;
  const invalid = clusters
    .map((c) => bucket.replaceAll('{cluster}', c.name))
    .filter((name) => !s3Bucket.test(name) || name.includes('..'));
  const first = invalid[0];
  if (first !== undefined) {
    const resolved = first === bucket ? '' : ` (on a cluster: ${JSON.stringify(first)})`;
    context.error(
      'STR053',
      path,
      `${JSON.stringify(bucket)} is not a valid S3 bucket name${resolved}`,
      "use 3 to 63 lowercase letters, digits, '.' and '-'; {cluster} is replaced by the cluster name",
    );
  }
  const unsupported = clusters.filter((c) => c.provider === 'gke' || c.provider === 'aks').map((c) => `${c.name} (${c.provider})`);
  if (unsupported.length > 0) {
    context.error(
      'STR054',
      path,
      `object storage is S3 only, but clusters ${unsupported.join(', ')} do not run on eks`,
      'remove the bucket, or run these clusters on eks; kind clusters always use the filesystem',
    );
  }
}
