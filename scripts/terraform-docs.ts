/**
 * Refreshes the terraform-docs section (between `<!-- BEGIN_TF_DOCS -->` and
 * `<!-- END_TF_DOCS -->`) of the README.md of every Terraform module and root under
 * infra/terraform, from the parsed HCL. terraform-docs itself would do; this needs only
 * the repository's own dependencies.
 *
 *   node scripts/terraform-docs.ts [--check] [DIR…]
 *
 * DIRs default to every folder under infra/terraform that holds .tf files and a README.md
 * (examples and tests left out). --check changes nothing and exits 1 when a section is out
 * of date or missing.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { docsBegin, docsEnd, loadTerraformConfig, renderTerraformDocs, withTerraformDocs } from '../packages/verify/src/terraform/index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Folders under `dir` with .tf files and a README.md, skipping examples/, tests/ and dot folders. */
function documentedFolders(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string): void => {
    const entries = readdirSync(folder, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && e.name.endsWith('.tf')) && existsSync(join(folder, 'README.md'))) out.push(folder);
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'examples' && entry.name !== 'tests') walk(join(folder, entry.name));
    }
  };
  walk(dir);
  return out.sort();
}

const { values, positionals } = parseArgs({ options: { check: { type: 'boolean', default: false } }, allowPositionals: true });
const folders = positionals.length > 0 ? positionals.map((p) => resolve(p)) : documentedFolders(join(root, 'infra/terraform'));

let stale = 0;
for (const folder of folders) {
  const readmePath = join(folder, 'README.md');
  const name = relative(root, readmePath);
  if (!existsSync(readmePath)) {
    console.error(`${name}: missing; create it with the lines ${docsBegin} and ${docsEnd}`);
    stale++;
    continue;
  }
  const config = await loadTerraformConfig(folder);
  for (const error of config.parseErrors) console.error(`${relative(root, join(folder, error.file))}: does not parse: ${error.message}`);
  if (config.parseErrors.length > 0) {
    stale++;
    continue;
  }
  const readme = readFileSync(readmePath, 'utf8');
  const updated = withTerraformDocs(readme, renderTerraformDocs(config));
  if (updated === undefined) {
    console.error(`${name}: no ${docsBegin} … ${docsEnd} section; add the two lines where the tables belong`);
    stale++;
  } else if (updated !== readme) {
    if (values.check) {
      console.error(`${name}: out of date`);
      stale++;
    } else {
      writeFileSync(readmePath, updated);
      console.log(`${name}: updated`);
    }
  }
}
if (values.check && stale === 0) console.log(`terraform-docs: ${folders.length} README.md files up to date`);
process.exit(stale === 0 ? 0 : 1);
