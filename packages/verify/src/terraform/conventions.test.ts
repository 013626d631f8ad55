/**
 * The module conventions against a copy of fixtures/good-module, broken in one place per
 * test; each test asserts the exact finding a user would read.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkTerraformModule, checkTerraformModules } from './conventions.ts';
import { renderTerraformDocs, withTerraformDocs } from './docs.ts';
import { loadTerraformConfig } from './parse.ts';

const fixture = fileURLToPath(new URL('./fixtures/good-module', import.meta.url));
const docs = 'node scripts/terraform-docs.ts';

/** The copy of the good module that a test breaks: <tmp>/good-module. */
let dir: string;

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'strata-tf-conventions-')), 'good-module');
  cpSync(fixture, dir, { recursive: true });
});

afterEach(() => {
  rmSync(dirname(dir), { recursive: true, force: true });
});

/** The findings as a user reads them, paths relative to the folder holding the module. */
async function findings(): Promise<{ check: string; file: string; message: string }[]> {
  const found = await checkTerraformModule(dir);
  return found.map(({ check, file, message }) => ({ check, file, message }));
}

function read(path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}

function write(path: string, content: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}

/** Replaces the first occurrence of `search`; fails loudly when it is absent. */
function replace(path: string, search: string, replacement: string): void {
  const content = read(path);
  if (!content.includes(search)) throw new Error(`${path} does not contain ${JSON.stringify(search)}`);
  write(path, content.replace(search, replacement));
}

function remove(path: string): void {
  rmSync(join(dir, path), { recursive: true, force: true });
}

/** Regenerates the README's tables, so that a test isolates one other convention. */
async function regenerateReadme(): Promise<void> {
  const updated = withTerraformDocs(read('README.md'), renderTerraformDocs(await loadTerraformConfig(dir)));
  if (updated === undefined) throw new Error('the README has no terraform-docs markers');
  write('README.md', updated);
}

describe('a module that keeps every convention', () => {
  it('GIVEN the good fixture WHEN checked THEN there is no finding', async () => {
    expect(await findings()).toEqual([]);
  });

  it('GIVEN a folder of modules WHEN checked THEN paths start at the folder of modules', async () => {
    remove('README.md');

    const found = await checkTerraformModules(dirname(dir), { relativeTo: dirname(dir) });

    expect(found).toEqual([expect.objectContaining({ severity: 'error', object: '', file: 'good-module/README.md' })]);
  });
});

describe('terraform/files', () => {
  it('GIVEN no README.md WHEN checked THEN the missing file is named with the layout', async () => {
    remove('README.md');

    expect(await findings()).toEqual([
      {
        check: 'terraform/files',
        file: 'good-module/README.md',
        message: 'missing README.md: every module has main.tf, variables.tf, outputs.tf, versions.tf, README.md (terraform-aws-modules layout)',
      },
    ]);
  });

  it('GIVEN no versions.tf WHEN checked THEN it is reported missing', async () => {
    remove('versions.tf');
    await regenerateReadme();

    expect(await findings()).toEqual([
      {
        check: 'terraform/files',
        file: 'good-module/versions.tf',
        message: 'missing versions.tf: every module has main.tf, variables.tf, outputs.tf, versions.tf, README.md (terraform-aws-modules layout)',
      },
    ]);
  });
});

describe('terraform/parse', () => {
  it('GIVEN a file with a syntax error WHEN checked THEN the parser says where', async () => {
    write('main.tf', 'resource "random_pet" "this" {\n  prefix = \n}\n');

    expect(await findings()).toEqual([
      {
        check: 'terraform/parse',
        file: 'good-module/main.tf',
        message: 'does not parse: main.tf:2,12-3,1: Invalid expression; Expected the start of an expression, but found an invalid expression token.',
      },
    ]);
  });
});

describe('terraform/layout', () => {
  it('GIVEN a variable declared in main.tf WHEN checked THEN it is asked to move to variables.tf', async () => {
    write('main.tf', `${read('main.tf')}\nvariable "separator" {\n  description = "Between words."\n  type        = string\n  default     = "-"\n}\n`);
    await regenerateReadme();

    expect(await findings()).toEqual([
      { check: 'terraform/layout', file: 'good-module/main.tf', message: 'variable "separator" is declared in main.tf: move it to variables.tf' },
    ]);
  });
});

describe('terraform/required-version', () => {
  it('GIVEN no required_version WHEN checked THEN a bounded one is suggested', async () => {
    replace('versions.tf', '  required_version = ">= 1.9, < 2.0"\n\n', '');
    await regenerateReadme();

    expect(await findings()).toEqual([
      {
        check: 'terraform/required-version',
        file: 'good-module/versions.tf',
        message: 'no required_version: add required_version = ">= 1.9, < 2.0" to the terraform block',
      },
    ]);
  });

  it('GIVEN a required_version without an upper bound WHEN checked THEN the bound is asked for', async () => {
    replace('versions.tf', '">= 1.9, < 2.0"', '">= 1.9"');
    await regenerateReadme();

    expect(await findings()).toEqual([
      {
        check: 'terraform/required-version',
        file: 'good-module/versions.tf',
        message: 'required_version ">= 1.9" has no upper bound: use a lower and an upper bound, e.g. ">= 1.9, < 2.0"',
      },
    ]);
  });

  it('GIVEN a required_version without a lower bound WHEN checked THEN the bound is asked for', async () => {
    replace('versions.tf', '">= 1.9, < 2.0"', '"< 2.0"');
    await regenerateReadme();

    expect(await findings()).toEqual([
      {
        check: 'terraform/required-version',
        file: 'good-module/versions.tf',
        message: 'required_version "< 2.0" has no lower bound: use a lower and an upper bound, e.g. ">= 2.0, < 3.0"',
      },
    ]);
  });
});

describe('terraform/provider-version', () => {
  it('GIVEN a provider with only a lower bound WHEN checked THEN the next major is suggested as the upper bound', async () => {
    replace('versions.tf', '">= 3.6, < 4.0"', '">= 3.6"');
    await regenerateReadme();

    expect(await findings()).toEqual([
      {
        check: 'terraform/provider-version',
        file: 'good-module/versions.tf',
        message: 'provider "random" version ">= 3.6" has no upper bound: use a lower and an upper bound, e.g. ">= 3.6, < 4.0"',
      },
    ]);
  });

  it('GIVEN a provider without a version WHEN checked THEN a constraint is asked for', async () => {
    replace('versions.tf', '      version = ">= 3.6, < 4.0"\n', '');
    await regenerateReadme();

    expect(await findings()).toEqual([
      {
        check: 'terraform/provider-version',
        file: 'good-module/versions.tf',
        message: 'provider "random" has no version constraint: add version = ">= x.y, < z.0" to its required_providers entry',
      },
    ]);
  });

  it('GIVEN a 0.x provider without an upper bound WHEN checked THEN the next minor is suggested', async () => {
    replace('versions.tf', '">= 3.6, < 4.0"', '">= 0.9"');
    await regenerateReadme();

    expect((await findings()).map((f) => f.message)).toEqual([
      'provider "random" version ">= 0.9" has no upper bound: use a lower and an upper bound, e.g. ">= 0.9, < 0.10"',
    ]);
  });
});

describe('terraform/module-version', () => {
  it('GIVEN a registry module without a version WHEN checked THEN a pin is asked for', async () => {
    write('main.tf', `${read('main.tf')}\nmodule "label" {\n  source = "cloudposse/label/null"\n}\n`);
    await regenerateReadme();

    expect(await findings()).toEqual([
      {
        check: 'terraform/module-version',
        file: 'good-module/main.tf',
        message: 'module "label" (cloudposse/label/null) has no version: pin it, e.g. version = "1.2.3"',
      },
    ]);
  });

  it('GIVEN a registry module with an exact version WHEN checked THEN there is no finding', async () => {
    write('main.tf', `${read('main.tf')}\nmodule "label" {\n  source  = "cloudposse/label/null"\n  version = "0.25.0"\n}\n`);
    await regenerateReadme();

    expect(await findings()).toEqual([]);
  });
});

describe('terraform/variable-type and terraform/variable-description', () => {
  it('GIVEN a variable without a type WHEN checked THEN the variable and the fix are named', async () => {
    replace('variables.tf', '  type        = number\n', '');
    await regenerateReadme();

    expect(await findings()).toEqual([
      { check: 'terraform/variable-type', file: 'good-module/variables.tf', message: 'variable "length" has no type: add type = string (or the type it takes)' },
    ]);
  });

  it('GIVEN a variable with an empty description WHEN checked THEN the variable and the fix are named', async () => {
    replace('variables.tf', '"Number of words after the prefix."', '""');
    await regenerateReadme();

    expect(await findings()).toEqual([
      {
        check: 'terraform/variable-description',
        file: 'good-module/variables.tf',
        message: 'variable "length" has no description: add description = "…" saying what it sets',
      },
    ]);
  });
});

describe('terraform/output-description', () => {
  it('GIVEN an output without a description WHEN checked THEN the output and the fix are named', async () => {
    replace('outputs.tf', '  description = "The generated name."\n', '');
    await regenerateReadme();

    expect(await findings()).toEqual([
      {
        check: 'terraform/output-description',
        file: 'good-module/outputs.tf',
        message: 'output "name" has no description: add description = "…" saying what it holds',
      },
    ]);
  });
});

describe('terraform/readme-markers and terraform/readme-table', () => {
  it('GIVEN a README without the terraform-docs markers WHEN checked THEN the markers and the command are named', async () => {
    write('README.md', '# good-module\n\nNo tables here.\n');

    expect(await findings()).toEqual([
      {
        check: 'terraform/readme-markers',
        file: 'good-module/README.md',
        message: `README.md has no terraform-docs section: add the lines <!-- BEGIN_TF_DOCS --> and <!-- END_TF_DOCS -->, then run ${docs}`,
      },
    ]);
  });

  it('GIVEN a new variable missing from the README WHEN checked THEN that variable is named', async () => {
    write('variables.tf', `${read('variables.tf')}\nvariable "separator" {\n  description = "Between words."\n  type        = string\n  default     = "-"\n}\n`);

    expect(await findings()).toEqual([
      { check: 'terraform/readme-table', file: 'good-module/README.md', message: `README.md does not list variable "separator": run ${docs}` },
    ]);
  });

  it('GIVEN a new output missing from the README WHEN checked THEN that output is named', async () => {
    write('outputs.tf', `${read('outputs.tf')}\noutput "prefix" {\n  description = "The prefix."\n  value       = var.prefix\n}\n`);

    expect(await findings()).toEqual([
      { check: 'terraform/readme-table', file: 'good-module/README.md', message: `README.md does not list output "prefix": run ${docs}` },
    ]);
  });

  it('GIVEN a changed description WHEN checked THEN the section is out of date', async () => {
    replace('variables.tf', 'Number of words after the prefix.', 'How many words follow the prefix.');

    expect(await findings()).toEqual([
      {
        check: 'terraform/readme-table',
        file: 'good-module/README.md',
        message: `README.md's terraform-docs section is out of date (a description, type, default or version changed): run ${docs}`,
      },
    ]);
  });
});

describe('terraform/examples', () => {
  it('GIVEN no examples folder WHEN checked THEN an example calling the module is asked for', async () => {
    remove('examples');

    expect(await findings()).toEqual([
      {
        check: 'terraform/examples',
        file: 'good-module/examples',
        message: 'no examples: add examples/basic/ with a main.tf that calls the module with source = "../../", and a versions.tf',
      },
    ]);
  });

  it('GIVEN an example that calls the registry instead of the module WHEN checked THEN the relative source is asked for', async () => {
    replace('examples/basic/main.tf', 'source = "../../"', 'source  = "strata/pet/random"\n  version = "1.0.0"');

    expect(await findings()).toEqual([
      {
        check: 'terraform/examples',
        file: 'good-module/examples',
        message: 'no example calls the module: add a module block with source = "../../" to examples/basic/main.tf',
      },
    ]);
  });

  it('GIVEN an example whose provider has no upper bound WHEN checked THEN the example file is named', async () => {
    replace('examples/basic/versions.tf', '">= 3.6, < 4.0"', '">= 3.6"');

    expect(await findings()).toEqual([
      {
        check: 'terraform/provider-version',
        file: 'good-module/examples/basic/versions.tf',
        message: 'provider "random" version ">= 3.6" has no upper bound: use a lower and an upper bound, e.g. ">= 3.6, < 4.0"',
      },
    ]);
  });

  it('GIVEN an example without versions.tf WHEN checked THEN the file is asked for', async () => {
    remove('examples/basic/versions.tf');

    expect(await findings()).toEqual([
      { check: 'terraform/examples', file: 'good-module/examples/basic/versions.tf', message: 'missing versions.tf: every example has main.tf and versions.tf' },
    ]);
  });
});

describe('terraform/tests', () => {
  it('GIVEN no tests folder WHEN checked THEN a mocked terraform test is asked for', async () => {
    remove('tests');

    expect(await findings()).toEqual([
      {
        check: 'terraform/tests',
        file: 'good-module/tests',
        message: 'no tests/*.tftest.hcl: add a terraform test that plans the module with mock_provider blocks',
      },
    ]);
  });

  it('GIVEN a test that does not mock the provider WHEN checked THEN the provider to mock is named', async () => {
    replace('tests/basic.tftest.hcl', 'mock_provider "random" {}\n', '');

    expect(await findings()).toEqual([
      {
        check: 'terraform/tests',
        file: 'good-module/tests/basic.tftest.hcl',
        message: 'does not mock provider "random": add mock_provider "random" {} so that the test runs without credentials or infrastructure',
      },
    ]);
  });

  it('GIVEN a test file without run blocks WHEN checked THEN a run is asked for', async () => {
    write('tests/basic.tftest.hcl', 'mock_provider "random" {}\n');

    expect(await findings()).toEqual([
      {
        check: 'terraform/tests',
        file: 'good-module/tests/basic.tftest.hcl',
        message: 'has no run block: add run "…" { command = plan … } with assertions',
      },
    ]);
  });
});

describe('every problem at once', () => {
  it('GIVEN a module broken in three places WHEN checked THEN all three are reported', async () => {
    remove('tests');
    replace('outputs.tf', '  description = "The generated name."\n', '');
    replace('variables.tf', '  type        = number\n', '');
    await regenerateReadme();

    expect((await findings()).map((f) => f.check)).toEqual(['terraform/variable-type', 'terraform/output-description', 'terraform/tests']);
  });
});
