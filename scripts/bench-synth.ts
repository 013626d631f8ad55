/**
 * `npm run bench:synth`: how long `strata synth` and `strata verify` take, and how much
 * memory they need, on synthetic platforms of growing size (see docs/benchmarks.md).
 *
 *   node scripts/bench-synth.ts [--sizes 100,1000] [--runs 3] [--out-root build/bench]
 *
 * Each size gets a generated definition under build/bench/ (a .ts module, so that it
 * resolves `@strata/model` like platform/index.ts does). Each command of each run is a
 * fresh process, so its peak RSS is its own; figures are the median of the runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { cpuMillis, parseQuantity, resourceProfiles } from '@strata/model';
import type { EnvironmentSpec, EnvValueSpec, PlatformSpec, ResourceProfileName, ServiceSpec, TeamSpec } from '@strata/model';

/** The goal for the largest platform we plan for, on a 2-core machine. */
const goal = { services: 1000, totalSeconds: 10, peakRssMiB: 1024 } as const;

const root = fileURLToPath(new URL('..', import.meta.url));
const benchDir = 'build/bench';
const strataBin = join(root, 'node_modules/.bin/strata');
const gnuTime = '/usr/bin/time';

// ─── The synthetic platform ──────────────────────────────────────────────────

const teamNames = ['payments', 'checkout', 'catalog', 'search', 'identity', 'shipping', 'pricing', 'reviews', 'messaging', 'analytics'];
const nouns = ['api', 'worker', 'gateway', 'indexer', 'ledger', 'notifier', 'scheduler', 'cache', 'router', 'importer', 'exporter', 'auditor'];

/** The reference platform's environments: dev and stage sync automatically, prod by hand in working hours. */
const environments: Record<'dev' | 'stage' | 'prod', EnvironmentSpec & { replicas: number; profile: ResourceProfileName }> = {
  dev: { replicas: 1, profile: 'small' },
  stage: { replicas: 2, profile: 'small' },
  prod: {
    replicas: 3,
    profile: 'medium',
    sync: { automated: false, windows: [{ kind: 'allow', schedule: '0 8 * * 1-5', duration: '10h', timeZone: 'Europe/Dublin' }] },
  },
};

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so every run renders the same platform. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * A platform of `size` services in 10 teams of two namespaces each. A service calls 0–3
 * others, mostly of its own team (some in the team's other namespace), about a third of
 * them in other teams; 1 in 20 is public, 1 in 5 has a database, 1 in 10 is large.
 */
function syntheticPlatform(size: number, seed = 20240601): PlatformSpec {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const teamOf = (i: number): string => teamNames[i % teamNames.length] as string;
  const names = Array.from({ length: size }, (_, i) => `${teamOf(i)}-${nouns[Math.floor(i / teamNames.length) % nouns.length]}-${String(i).padStart(4, '0')}`);
  const namespaces = names.map((_, i) => (random() < 0.2 ? `${teamOf(i)}-batch` : teamOf(i)));
  const byTeam = new Map(teamNames.map((team) => [team, names.filter((_, i) => teamOf(i) === team)]));

  const services: ServiceSpec[] = names.map((name, i) => {
    const team = teamOf(i);
    const namespace = namespaces[i];
    const calls = new Set<string>();
    const wanted = Math.floor(random() * 4);
    for (let attempt = 0; calls.size < wanted && attempt < 10; attempt++) {
      const callee = random() < 0.35 ? pick(names) : pick(byTeam.get(team) ?? names);
      if (callee !== name) calls.add(callee);
    }
    const callees = [...calls].sort();
    const env: Record<string, EnvValueSpec> = { LOG_LEVEL: 'info' };
    for (const callee of callees) {
      env[`${callee.toUpperCase().replaceAll('-', '_')}_URL`] = `http://${callee}.${namespaces[names.indexOf(callee)]}.svc:8080`;
    }
    const database = random() < 0.2;
    if (database) env.DATABASE_URL = { secret: `${name}-db`, key: 'url' };
    const spec: ServiceSpec = {
      name,
      team,
      ...(namespace === team ? {} : { namespace }),
      image: { repository: `ghcr.io/bench/${name}`, tag: `1.${i % 7}.${i % 13}` },
      ...(callees.length > 0 ? { calls: callees } : {}),
      ...(database ? { database: { engine: 'postgres', storage: '10Gi' } } : {}),
      ...(random() < 0.1 ? { resources: 'large' } : {}),
      env,
      ...(random() < 0.05
        ? {
            environments: {
              dev: { expose: { type: 'public', host: `${name}.dev.bench.example.com` } },
              stage: { expose: { type: 'public', host: `${name}.stage.bench.example.com` } },
              prod: { expose: { type: 'public', host: `${name}.bench.example.com` } },
            },
          }
        : {}),
    };
    return spec;
  });

  return {
    platform: { name: 'bench', domain: 'bench.example.com', repo: { url: 'https://github.com/strata-platform/bench.git' } },
    environments,
    clusters: [
      { name: 'dev-local', environment: 'dev', provider: 'kind', region: 'local' },
      { name: 'stage-eu', environment: 'stage', provider: 'eks', region: 'eu-west-1', nodePools: [{ name: 'general', instanceType: 'm6i.large', minSize: 2, maxSize: 4 }] },
      { name: 'prod-eu', environment: 'prod', provider: 'eks', region: 'eu-west-1', nodePools: [{ name: 'general', instanceType: 'm6i.xlarge', minSize: 3, maxSize: 10 }] },
      { name: 'prod-us', environment: 'prod', provider: 'eks', region: 'us-east-1', nodePools: [{ name: 'general', instanceType: 'm6i.xlarge', minSize: 3, maxSize: 10 }] },
    ],
    teams: teamNames.map((team, i) => ({
      name: team,
      groups: [`${team}-developers`],
      namespaces: [team, `${team}-batch`],
      quota: quotaFor(services.filter((s) => s.team === team)),
      costCenter: `CC-${2000 + i}`,
    })),
    services,
    addons: { argocd: { adminGroups: ['platform-engineers'] } },
  };
}

/** A quota that holds all of a team's services at maximum scale (3 × replicas) in one namespace, with 25% headroom. */
function quotaFor(services: readonly ServiceSpec[]): TeamSpec['quota'] {
  let cpu = 0;
  let memory = 0;
  let pods = 0;
  for (const environment of Object.values(environments)) {
    let envCpu = 0;
    let envMemory = 0;
    const envPods = services.length * 3 * environment.replicas;
    for (const service of services) {
      const profile = resourceProfiles[typeof service.resources === 'string' ? service.resources : environment.profile];
      envCpu += 3 * environment.replicas * (cpuMillis(profile.requests.cpu) ?? 0);
      envMemory += 3 * environment.replicas * (parseQuantity(profile.requests.memory) ?? 0);
    }
    cpu = Math.max(cpu, envCpu);
    memory = Math.max(memory, envMemory);
    pods = Math.max(pods, envPods);
  }
  return { cpu: String(Math.ceil((cpu * 1.25) / 1000)), memory: `${Math.ceil((memory * 1.25) / 2 ** 30)}Gi`, pods: Math.ceil(pods * 1.25) + 1 };
}

/** Writes the definition as a .ts module inside the repository, where `@strata/model` resolves. */
function writeDefinition(size: number): string {
  const file = join(benchDir, `platform-${size}.ts`);
  mkdirSync(join(root, benchDir), { recursive: true });
  const body = JSON.stringify(syntheticPlatform(size), null, 2);
  writeFileSync(
    join(root, file),
    `// Generated by scripts/bench-synth.ts: a synthetic platform of ${size} services.\nimport { definePlatform } from '@strata/model';\n\nexport const platform = definePlatform(${body});\n`,
  );
  return file;
}

// ─── Measuring ───────────────────────────────────────────────────────────────

interface Measurement {
  readonly seconds: number;
  readonly peakRssMiB: number;
  readonly stdout: string;
}

/** The PATH of the children: this Node first, so that the `strata` shebang (`env node`) runs Node 24 too. */
const childEnv = { ...process.env, PATH: [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter) };

const useGnuTime = existsSync(gnuTime) && spawnSync(gnuTime, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0;

/**
 * Runs one strata command in a fresh process; wall clock from spawn to exit. Peak RSS
 * from GNU time (the largest process of the tree: Node or a kubectl it ran) or, without
 * it, from a Node driver's own `process.resourceUsage()` (Node only).
 */
function measure(args: readonly string[]): Measurement {
  const rssFile = join(root, benchDir, 'rss.txt');
  rmSync(rssFile, { force: true });
  const command = useGnuTime
    ? { file: gnuTime, args: ['-f', '%M', '-o', rssFile, strataBin, ...args] }
    : { file: process.execPath, args: ['--input-type=module', '-e', nodeDriver, rssFile, ...args] };
  const start = performance.now();
  const result = spawnSync(command.file, command.args, { cwd: root, env: childEnv, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) {
    throw new Error(`strata ${args.join(' ')} exited with ${result.status ?? result.signal}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
  }
  const kib = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
  if (!Number.isFinite(kib) || kib <= 0) throw new Error(`could not read the peak RSS of strata ${args.join(' ')} from ${rssFile}`);
  return { seconds, peakRssMiB: kib / 1024, stdout: result.stdout };
}

const nodeDriver = `
import { writeFileSync } from 'node:fs';
const { run } = await import(${JSON.stringify(pathToFileURL(join(root, 'packages/cli/src/main.ts')).href)});
const { processOutput } = await import(${JSON.stringify(pathToFileURL(join(root, 'packages/cli/src/output.ts')).href)});
const [rssFile, ...args] = process.argv.slice(1);
process.exitCode = await run(args, processOutput());
writeFileSync(rssFile, String(process.resourceUsage().maxRSS));
`;

interface SizeResult {
  readonly services: number;
  readonly files: number;
  readonly objects: number;
  readonly synthSeconds: number;
  readonly verifySeconds: number;
  readonly totalSeconds: number;
  readonly peakRssMiB: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** `… 1234 objects in 567 files …`, as both commands summarise. */
function counts(stdout: string, command: string): { objects: number; files: number } {
  const match = /(\d+) objects in (\d+) files/.exec(stdout);
  if (match === null) throw new Error(`strata ${command} printed no summary:\n${stdout}`);
  return { objects: Number(match[1]), files: Number(match[2]) };
}

/**
 * Each run renders into a folder of its own, removed only when the whole bench is done:
 * synth skips files whose content is unchanged, and on this kind of VM (ext4 mounted
 * with `discard`) creating files right after deleting thousands is several times slower.
 */
function benchSize(size: number, runs: number, outRoot: string, outputs: string[], verifyArgs: readonly string[]): SizeResult {
  const definition = writeDefinition(size);
  const samples: { synth: Measurement; verify: Measurement }[] = [];
  for (let run = 1; run <= runs; run++) {
    const absolute = join(outRoot, `out-${size}-${run}`);
    // Relative to the repository when inside it: strata runs there and prints the paths it is given.
    const out = relative(root, absolute).startsWith('..') ? absolute : relative(root, absolute);
    if (existsSync(absolute)) {
      console.log(`  removing ${out}, left by an earlier bench`);
      rmSync(absolute, { recursive: true, force: true });
    }
    outputs.push(absolute);
    // The project files (tfvars, architecture document) of the synthetic platform go beside
    // the tree, never over the repository's own.
    const projectRoot = `${absolute}-root`;
    rmSync(projectRoot, { recursive: true, force: true });
    mkdirSync(projectRoot, { recursive: true });
    outputs.push(projectRoot);
    const synth = measure(['synth', '--platform', definition, '--out', out, '--root', projectRoot]);
    const verify = measure(['verify', '--dir', out, ...verifyArgs]);
    samples.push({ synth, verify });
    const line = (m: Measurement): string => `${m.seconds.toFixed(2)} s ${m.peakRssMiB.toFixed(0)} MiB`;
    console.log(`  ${size} services, run ${run}/${runs}: synth ${line(synth)}, verify ${line(verify)}`);
    if (run === 1) console.log(`    ${synth.stdout.trim()}\n    ${verify.stdout.trim()}`);
  }
  const first = samples[0];
  if (first === undefined) throw new Error('--runs must be at least 1');
  const { objects, files } = counts(first.synth.stdout, 'synth');
  return {
    services: size,
    files,
    objects,
    synthSeconds: median(samples.map((s) => s.synth.seconds)),
    verifySeconds: median(samples.map((s) => s.verify.seconds)),
    totalSeconds: median(samples.map((s) => s.synth.seconds + s.verify.seconds)),
    peakRssMiB: median(samples.map((s) => Math.max(s.synth.peakRssMiB, s.verify.peakRssMiB))),
  };
}

// ─── Reporting ───────────────────────────────────────────────────────────────

function table(results: readonly SizeResult[]): string {
  const rows = [
    ['services', 'files', 'objects', 'synth s', 'verify s', 'total s', 'peak RSS MiB'],
    ['---:', '---:', '---:', '---:', '---:', '---:', '---:'],
    ...results.map((r) => [r.services, r.files, r.objects, r.synthSeconds.toFixed(2), r.verifySeconds.toFixed(2), r.totalSeconds.toFixed(2), r.peakRssMiB.toFixed(0)].map(String)),
  ];
  const first = results[0];
  const last = results[results.length - 1];
  if (first !== undefined && last !== undefined && last !== first) {
    const ratio = (a: number, b: number): string => `×${(b / a).toFixed(1)}`;
    rows.push([
      `ratio ${last.services}/${first.services}`,
      ratio(first.files, last.files),
      ratio(first.objects, last.objects),
      ratio(first.synthSeconds, last.synthSeconds),
      ratio(first.verifySeconds, last.verifySeconds),
      ratio(first.totalSeconds, last.totalSeconds),
      ratio(first.peakRssMiB, last.peakRssMiB),
    ]);
  }
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length))) ?? [];
  return rows.map((row) => `| ${row.map((cell, c) => cell.padStart(widths[c] ?? 0)).join(' | ')} |`).join('\n');
}

function parseOptions(argv: readonly string[]): { sizes: number[]; runs: number; outRoot: string; skipKustomize: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      sizes: { type: 'string', default: '100,1000' },
      runs: { type: 'string', default: '3' },
      // Where the rendered trees go, e.g. /dev/shm to leave the disk out of the measurement.
      'out-root': { type: 'string', default: benchDir },
      // Leave kubectl's kustomize builds out, to see what strata itself costs.
      'skip-kustomize': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
  if (sizes.length === 0 || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new Error(`--sizes ${JSON.stringify(values.sizes)} is not a list of positive integers; e.g. --sizes 100,1000`);
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs ${JSON.stringify(values.runs)} is not a positive integer; e.g. --runs 3`);
  return { sizes: [...new Set(sizes)].sort((a, b) => a - b), runs, outRoot: resolve(root, values['out-root']), skipKustomize: values['skip-kustomize'] };
}

function kubectlVersion(): string | undefined {
  const result = spawnSync('kubectl', ['version', '--client'], { env: childEnv, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.split('\n')[0]?.trim() : undefined;
}

function main(): boolean {
  const { sizes, runs, outRoot, skipKustomize } = parseOptions(process.argv.slice(2));
  const kubectl = kubectlVersion();
  console.log(`strata synth + verify benchmark: sizes ${sizes.join(', ')}, ${runs} run(s) each, median reported`);
  console.log(`${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${loadavg()[0]?.toFixed(2)} at start`);
  console.log(`Node ${process.version}; peak RSS from ${useGnuTime ? `${gnuTime} (GNU time, %M)` : 'process.resourceUsage() of a Node driver'}`);
  console.log(
    skipKustomize
      ? 'verify runs with --skip kustomize: kubectl kustomize builds are left out'
      : kubectl
        ? `kubectl on the PATH (${kubectl}): verify runs \`kubectl kustomize\` and that time is included`
        : 'kubectl is not on the PATH: verify skips the kustomize check',
  );
  console.log(`trees rendered under ${outRoot}`);
  const outputs: string[] = [];
  const results = sizes.map((size) => benchSize(size, runs, outRoot, outputs, skipKustomize ? ['--skip', 'kustomize'] : []));
  // Kept when a command fails (measure throws before this), for inspection.
  for (const out of outputs) rmSync(out, { recursive: true, force: true });
  rmSync(join(root, benchDir, 'rss.txt'), { force: true });
  console.log(`\n${table(results)}\n`);
  const target = results.find((r) => r.services === goal.services);
  if (target === undefined) {
    console.log(`goal not evaluated: it applies to ${goal.services} services (add it to --sizes)`);
    return true;
  }
  const pass = target.totalSeconds <= goal.totalSeconds && target.peakRssMiB <= goal.peakRssMiB;
  console.log(
    `${pass ? 'PASS' : 'FAIL'}: ${goal.services} services synth+verify in ${target.totalSeconds.toFixed(2)} s (goal ≤ ${goal.totalSeconds} s), peak RSS ${target.peakRssMiB.toFixed(0)} MiB (goal ≤ ${goal.peakRssMiB} MiB)`,
  );
  return pass;
}

try {
  if (!main()) process.exitCode = 1;
} catch (error) {
  console.error(`bench-synth: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
