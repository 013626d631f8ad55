/**
 * `npm test`'s pretest: makes sure the real tools the tests use are on this machine.
 * As root on Debian it installs missing packages; otherwise it says what to install.
 */
import { spawnSync } from 'node:child_process';

interface Tool {
  readonly command: string;
  /** Debian package providing it, when Debian has one. */
  readonly debianPackage?: string;
  readonly usedFor: string;
  /** Tests that need it are skipped (and say so) when it is missing. */
  readonly optional: boolean;
}

/** What the suite runs for real. Add a line when a test starts needing a server or tool. */
const tools: readonly Tool[] = [
  { command: 'kubectl', usedFor: '`kubectl kustomize` builds of every rendered Kustomize folder', optional: true },
  { command: 'terraform', usedFor: '`terraform fmt` and `terraform test` of the variable validations in infra/terraform', optional: true },
  { command: 'git', debianPackage: 'git', usedFor: 'the drift tests', optional: false },
  { command: 'promtool', debianPackage: 'prometheus', usedFor: '`promtool check rules` and `promtool test rules` of the SLO rules', optional: false },
  {
    command: '/usr/lib/postgresql/15/bin/postgres',
    debianPackage: 'postgresql-15',
    usedFor: 'the service and database tests (a real PostgreSQL 15 server per test file)',
    optional: false,
  },
];

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

const missing = tools.filter((t) => !has(t.command));
const installable = missing.filter((t) => t.debianPackage !== undefined);
const isRoot = process.getuid?.() === 0;

if (installable.length > 0 && isRoot && has('apt-get')) {
  const packages = installable.map((t) => t.debianPackage ?? '');
  console.log(`pretest: installing ${packages.join(' ')} (apt-get)`);
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (update.status !== 0 || install.status !== 0) {
    console.error(`pretest: apt-get failed; install by hand: apt-get install ${packages.join(' ')}`);
    process.exit(1);
  }
}

let failed = false;
for (const tool of tools.filter((t) => !has(t.command))) {
  const how = tool.debianPackage ? `sudo apt-get install ${tool.debianPackage}` : `install ${tool.command} and put it on the PATH`;
  if (tool.optional) console.warn(`pretest: ${tool.command} is missing, so tests of ${tool.usedFor} are skipped (${how})`);
  else {
    console.error(`pretest: ${tool.command} is required for ${tool.usedFor}: ${how}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
