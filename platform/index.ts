/**
 * The reference platform: what a platform team edits. `npm start` renders it into
 * deploy/ and verifies the result; see docs/guides/ for how to change it.
 */
import { definePlatform } from '@strata/model';
import { shopServices } from './services.ts';

export const platform = definePlatform({
  platform: {
    name: 'strata',
    domain: 'strata.example.com',
    repo: { url: 'https://github.com/strata-platform/strata.git', revision: 'main', path: 'deploy' },
  },
  environments: {
    dev: { replicas: 1, profile: 'small' },
    stage: { replicas: 2, profile: 'small' },
    prod: {
      replicas: 3,
      profile: 'medium',
      sync: {
        automated: false,
        // Changes reach production in working hours only; manual syncs stay possible for fixes.
        windows: [
          { kind: 'allow', schedule: '0 8 * * 1-5', duration: '10h', timeZone: 'Europe/Dublin' },
          { kind: 'deny', schedule: '0 0 20 12 *', duration: '336h', manualSync: true },
        ],
      },
    },
  },
  clusters: [
    { name: 'dev-local', environment: 'dev', provider: 'kind', region: 'local' },
    {
      name: 'stage-eu',
      environment: 'stage',
      provider: 'eks',
      region: 'eu-west-1',
      nodePools: [{ name: 'general', instanceType: 'm6i.large', minSize: 2, maxSize: 4 }],
    },
    {
      name: 'prod-eu',
      environment: 'prod',
      provider: 'eks',
      region: 'eu-west-1',
      nodePools: [
        { name: 'general', instanceType: 'm6i.xlarge', minSize: 3, maxSize: 10 },
        { name: 'spot', instanceType: 'm6i.xlarge', minSize: 0, maxSize: 10, spot: true },
      ],
    },
    {
      name: 'prod-us',
      environment: 'prod',
      provider: 'eks',
      region: 'us-east-1',
      nodePools: [{ name: 'general', instanceType: 'm6i.xlarge', minSize: 3, maxSize: 10 }],
    },
  ],
  teams: [
    {
      name: 'platform',
      groups: ['platform-engineers'],
      namespaces: ['platform-tools'],
      quota: { cpu: '4', memory: '8Gi', pods: 40 },
      costCenter: 'CC-1000',
    },
    {
      name: 'shop',
      groups: ['shop-developers'],
      namespaces: ['shop'],
      quota: { cpu: '8', memory: '16Gi', pods: 60 },
      costCenter: 'CC-2001',
    },
  ],
  services: shopServices,
  addons: {
    argocd: { adminGroups: ['platform-engineers'] },
    // Cloud clusters keep logs and traces in the S3 buckets of infra/terraform/modules/monitoring
    // (<platform>-<cluster>-<store>-<AWS account id>); dev-local (kind) uses the filesystem.
    observability: {
      retention: { dev: '30d', stage: '30d', prod: '45d' },
      logs: { bucket: 'strata-{cluster}-loki-123456789012' },
      traces: { bucket: 'strata-{cluster}-tempo-123456789012' },
    },
  },
});
