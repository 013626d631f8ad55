/**
 * Reference checks on small configurations written to a temp folder: a root that calls a
 * local module, broken in one place per test.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkTerraformReferences } from './references.ts';

let root: string;

const moduleVariables = `
variable "name" {
  description = "Name."
  type        = string
}

variable "size" {
  description = "Size."
  type        = number
  default     = 1
}
`;

const moduleOutputs = `
output "id" {
  description = "ID."
  value       = var.name
}
`;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'strata-tf-references-'));
  write('modules/thing/variables.tf', moduleVariables);
  write('modules/thing/outputs.tf', moduleOutputs);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function write(path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

async function findings(): Promise<{ check: string; file: string; message: string }[]> {
  const found = await checkTerraformReferences(join(root, 'env'), { relativeTo: root });
  return found.map(({ check, file, message }) => ({ check, file, message }));
}

describe('checkTerraformReferences', () => {
  it('GIVEN a root whose references all resolve WHEN checked THEN there is no finding', async () => {
    write(
      'env/main.tf',
      `
variable "things" {
  description = "Things by name."
  type        = map(number)
}

locals {
  names = keys(var.things)
}

module "thing" {
  source   = "../modules/thing"
  for_each = var.things

  name = "\${each.key}-\${length(local.names)}"
  size = each.value
}

output "ids" {
  description = "IDs."
  value       = { for name, thing in module.thing : name => thing.id if name != "" }
}

module "one" {
  source = "../modules/thing"
  name   = "one"
}

output "by_index" {
  description = "An attribute read into an output of one module through an index, not an instance's output."
  value       = module.one.id[local.names[0]].name
}

output "first" {
  description = "The first ID, with \\"quotes\\" around."
  value       = "\\"\${module.thing["a"].id}\\" and \${module.thing[local.names[0]].id}"
}
`,
    );

    expect(await findings()).toEqual([]);
  });

  it('GIVEN a reference to an undeclared variable WHEN checked THEN the variable is named', async () => {
    write('env/main.tf', 'locals {\n  region = var.region\n}\n');

    expect(await findings()).toEqual([
      {
        check: 'terraform/undeclared-variable',
        file: 'env/main.tf',
        message: 'var.region is not declared: add variable "region" to variables.tf, or fix the reference',
      },
    ]);
  });

  it('GIVEN a reference to an undeclared local WHEN checked THEN the local is named', async () => {
    write('env/main.tf', 'output "x" {\n  description = "X."\n  value       = [for v in local.values : v]\n}\n');

    expect(await findings()).toEqual([
      { check: 'terraform/undeclared-local', file: 'env/main.tf', message: 'local.values is not declared: add values to a locals block, or fix the reference' },
    ]);
  });

  it('GIVEN a module block with an unknown argument and without a required one WHEN checked THEN both are named', async () => {
    write('env/main.tf', 'module "thing" {\n  source = "../modules/thing"\n\n  sise = 2\n}\n');

    expect(await findings()).toEqual([
      {
        check: 'terraform/module-arguments',
        file: 'env/main.tf',
        message: 'module "thing" passes sise, which modules/thing does not declare: remove it, or add variable "sise" to modules/thing/variables.tf',
      },
      {
        check: 'terraform/module-arguments',
        file: 'env/main.tf',
        message: 'module "thing" does not pass name, which modules/thing requires: add name = … to the module block',
      },
    ]);
  });

  it('GIVEN references to outputs a module does not have WHEN checked THEN each is named with the outputs it has', async () => {
    write(
      'env/main.tf',
      `
module "thing" {
  source   = "../modules/thing"
  for_each = toset(["a"])

  name = each.key
}

output "arn" {
  description = "ARN."
  value       = module.thing["a"].arn
}

output "arns" {
  description = "ARNs."
  value       = [for k in ["a"] : module.thing[k].arns]
}
`,
    );

    expect(await findings()).toEqual([
      { check: 'terraform/module-output', file: 'env/main.tf', message: 'module.thing.arn is not an output of modules/thing: use one of id' },
      { check: 'terraform/module-output', file: 'env/main.tf', message: 'module.thing.arns is not an output of modules/thing: use one of id' },
    ]);
  });

  it('GIVEN a file that does not parse WHEN checked THEN that is the finding, not silence', async () => {
    write('env/main.tf', 'output "x" {\n  value = \n}\n');

    expect(await findings()).toEqual([
      {
        check: 'terraform/parse',
        file: 'env/main.tf',
        message: 'does not parse: main.tf:2,11-3,1: Invalid expression; Expected the start of an expression, but found an invalid expression token.',
      },
    ]);
  });

  it('GIVEN a reference to a module block that does not exist WHEN checked THEN it is named', async () => {
    write('env/main.tf', 'output "x" {\n  description = "X."\n  value       = module.other.id\n}\n');

    expect(await findings()).toEqual([
      { check: 'terraform/module-output', file: 'env/main.tf', message: 'module.other is not a module block of this configuration' },
    ]);
  });

  it('GIVEN moved and removed blocks that name addresses of an earlier layout WHEN checked THEN the addresses are not read as references', async () => {
    write('env/main.tf', 'module "thing" {\n  source = "../modules/thing"\n  name   = "a"\n}\n');
    write(
      'env/migrations.tf',
      'moved {\n  from = module.old\n  to   = module.thing.module.inner\n}\n\nremoved {\n  from = module.gone\n\n  lifecycle {\n    destroy = false\n  }\n}\n',
    );

    expect(await findings()).toEqual([]);
  });
});
