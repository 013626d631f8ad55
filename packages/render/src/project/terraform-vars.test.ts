import { describe, expect, it } from 'vitest';
import type { Platform } from '@strata/model';
import { platformWith } from '../test-support/reference.ts';
import { renderTerraformVars, type TerraformVars } from './terraform-vars.ts';

function varsFile(platform: Platform, environmentName: string): { path: string; content: string; parsed: TerraformVars } {
  const environment = platform.environments.find((e) => e.name === environmentName);
  if (environment === undefined) throw new Error(`no environment ${environmentName}`);
  const file = renderTerraformVars(platform, environment);
  return { ...file, parsed: JSON.parse(file.content) as TerraformVars };
}

const reference = platformWith();

describe('renderTerraformVars', () => {
  it('GIVEN the reference platform WHEN prod renders THEN it goes to envs/prod and holds prod-eu and prod-us with their node pools', () => {
    const { path, parsed } = varsFile(reference, 'prod');

    expect(path).toBe('infra/terraform/envs/prod/strata.auto.tfvars.json');
    expect(parsed).toMatchObject({ platform_name: 'strata', environment: 'prod', domain: 'strata.example.com' });
    expect(Object.keys(parsed.clusters)).toEqual(['prod-eu', 'prod-us']);
    expect(parsed.clusters['prod-eu']).toEqual({
      provider: 'eks',
      region: 'eu-west-1',
      node_pools: {
        general: { instance_type: 'm6i.xlarge', min_size: 3, max_size: 10, spot: false },
        spot: { instance_type: 'm6i.xlarge', min_size: 0, max_size: 10, spot: true },
      },
    });
    expect(parsed.clusters['prod-us']).toMatchObject({ region: 'us-east-1', node_pools: { general: { min_size: 3, max_size: 10 } } });
  });

  it('GIVEN the reference platform WHEN dev renders THEN dev-local is a kind cluster with no node pools', () => {
    const { path, parsed } = varsFile(reference, 'dev');

    expect(path).toBe('infra/terraform/envs/dev/strata.auto.tfvars.json');
    expect(parsed.clusters).toEqual({ 'dev-local': { provider: 'kind', region: 'local', node_pools: {} } });
  });

  it('GIVEN any environment WHEN rendered THEN the top-level keys are exactly the variables the Terraform declares', () => {
    for (const environment of reference.environments) {
      expect(Object.keys(varsFile(reference, environment.name).parsed)).toEqual(['clusters', 'domain', 'environment', 'gitops', 'platform_name']);
    }
    expect(varsFile(reference, 'stage').parsed.gitops).toEqual({
      repo_url: 'https://github.com/strata-platform/strata.git',
      revision: 'main',
      path: 'deploy',
    });
  });

  it('GIVEN a repo without revision and path WHEN rendered THEN gitops carries the defaults of the normalized model', () => {
    const platform = platformWith((spec) => {
      spec.platform = { ...spec.platform, repo: { url: 'https://example.com/fork.git' } };
    });

    expect(varsFile(platform, 'dev').parsed.gitops).toEqual({ repo_url: 'https://example.com/fork.git', revision: 'main', path: 'deploy' });
  });

  it('GIVEN the prod file WHEN its text is read THEN keys are sorted at every level, indented by 2 spaces, with a trailing newline', () => {
    const { content } = varsFile(reference, 'prod');

    expect(content.split('\n').slice(0, 7)).toEqual([
      '{',
      '  "clusters": {',
      '    "prod-eu": {',
      '      "node_pools": {',
      '        "general": {',
      '          "instance_type": "m6i.xlarge",',
      '          "max_size": 10,',
    ]);
    expect(content.endsWith('\n  "platform_name": "strata"\n}\n')).toBe(true);
    expect(content).toBe(`${JSON.stringify(JSON.parse(content), sortedReplacer, 2)}\n`);
  });

  it('GIVEN clusters and node pools declared in another order WHEN rendered THEN the bytes are the same', () => {
    const reordered = platformWith((spec) => {
      spec.clusters = [...spec.clusters].reverse().map((c) => ({ ...c, nodePools: c.nodePools && [...c.nodePools].reverse() }));
    });

    for (const environment of ['dev', 'stage', 'prod']) expect(varsFile(reordered, environment).content).toBe(varsFile(reference, environment).content);
  });

  it('GIVEN an environment without clusters WHEN rendered THEN clusters is an empty object', () => {
    const platform = platformWith((spec) => {
      spec.environments = { ...spec.environments, qa: { replicas: 1, profile: 'small' } };
    });

    expect(varsFile(platform, 'qa').parsed).toMatchObject({ environment: 'qa', clusters: {} });
  });
});

/** An independent statement of "sorted keys": a replacer that sorts each object's own keys. */
function sortedReplacer(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
