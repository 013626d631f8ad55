import { describe, expect, it } from 'vitest';
import { defaultComponents } from '../index.ts';
import { platformWith } from '../test-support/reference.ts';
import { renderProjectFiles } from './project-files.ts';

describe('renderProjectFiles', () => {
  it('GIVEN the reference platform WHEN rendered THEN the files are the architecture document and one tfvars file per environment, in path order', () => {
    const files = renderProjectFiles(platformWith(), defaultComponents);

    expect([...files.keys()]).toEqual([
      'docs/architecture.md',
      'infra/terraform/envs/dev/strata.auto.tfvars.json',
      'infra/terraform/envs/prod/strata.auto.tfvars.json',
      'infra/terraform/envs/stage/strata.auto.tfvars.json',
    ]);
  });

  it('GIVEN an environment added to the definition WHEN rendered THEN it gets a tfvars file of its own and nothing else changes path', () => {
    const files = renderProjectFiles(
      platformWith((spec) => {
        spec.environments = { ...spec.environments, qa: { replicas: 1, profile: 'small' } };
      }),
      defaultComponents,
    );

    expect([...files.keys()]).toContain('infra/terraform/envs/qa/strata.auto.tfvars.json');
    expect(files.size).toBe(5);
  });
});
