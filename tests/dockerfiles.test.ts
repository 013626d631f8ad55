/**
 * The services' Dockerfiles, read statically (Docker cannot run on these machines): pinned
 * base image, multi-stage, the platform's non-root UID, node itself as PID 1, and COPY
 * sources that exist and are not ignored. A crafted bad Dockerfile proves the checks bite.
 * The deps stage's `npm ci` is replayed as an offline dry run (no network, nothing
 * installed) on exactly the files that stage copies, to prove they are enough.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDockerfile, ignoreMatcher, parseDockerfile, stagesOf, type DockerfileExpectations } from './helpers/dockerfile.ts';
import { repoRoot } from './helpers/strata.ts';

const services = ['storefront', 'orders', 'inventory'] as const;
const dockerignore = readFileSync(join(repoRoot, '.dockerignore'), 'utf8').split('\n');

/** The UID the rendered Deployment runs the service as: the image must agree. */
function renderedRunAsUser(service: string): number {
  const deployment = readFileSync(join(repoRoot, 'deploy/clusters/prod-eu', service, 'deployment.yaml'), 'utf8');
  const uids = [...deployment.matchAll(/runAsUser: (\d+)/g)].map((m) => Number(m[1]));
  if (uids.length === 0) throw new Error(`no runAsUser in the rendered ${service} Deployment`);
  return uids[0] ?? 0;
}

function expectationsFor(service: string): DockerfileExpectations {
  return { repoRoot, workspace: `services/${service}`, runAsUser: renderedRunAsUser(service), dockerignore };
}

describe.each(services)('services/%s/Dockerfile', (service) => {
  const text = readFileSync(join(repoRoot, 'services', service, 'Dockerfile'), 'utf8');

  it('GIVEN the Dockerfile WHEN it is checked THEN there is no problem', () => {
    expect(checkDockerfile(text, expectationsFor(service))).toEqual([]);
  });

  it('GIVEN the Dockerfile THEN it says its build context is the repository root, and runs node on main.ts as the platform’s UID', () => {
    const stages = stagesOf(parseDockerfile(text));
    const final = stages.at(-1);

    expect(text).toMatch(/Build context: the REPOSITORY ROOT/);
    expect(stages.map((s) => s.name)).toEqual(['deps', 'runtime']);
    expect(new Set(stages.map((s) => s.image))).toEqual(new Set(['node:24.21.0-bookworm-slim']));
    expect(final?.instructions.find((i) => i.keyword === 'USER')?.args).toBe('10001:10001');
    expect(final?.instructions.find((i) => i.keyword === 'CMD')?.args).toBe(`["node", "services/${service}/src/main.ts"]`);
  });

  it('GIVEN a database service THEN its migrations are in the image; the storefront has none', () => {
    const copiesMigrations = text.includes(`COPY services/${service}/migrations services/${service}/migrations`);

    expect(copiesMigrations).toBe(service !== 'storefront');
  });
});

describe('.dockerignore', () => {
  const ignored = ignoreMatcher(dockerignore);

  it('GIVEN the root .dockerignore THEN tests, contracts, node_modules and the rendered tree stay out of the context', () => {
    expect(ignored('services/orders/src/state-machine.test.ts')).toBe(true);
    expect(ignored('services/storefront/contract/orders.consumer.ts')).toBe(true);
    expect(ignored('node_modules/fastify/package.json')).toBe(true);
    expect(ignored('packages/service-kit/node_modules/x/index.js')).toBe(true);
    expect(ignored('deploy/clusters/prod-eu/orders/deployment.yaml')).toBe(true);
    expect(ignored('.git/HEAD')).toBe(true);
  });

  it('GIVEN the root .dockerignore THEN what the images need stays in the context', () => {
    for (const path of ['package.json', 'package-lock.json', 'packages/service-kit/src/index.ts', 'services/orders/migrations/0001_orders.sql', 'services/storefront/src/main.ts']) {
      expect(ignored(path), path).toBe(false);
    }
  });
});

describe('the Dockerfile check', () => {
  it('GIVEN a crafted bad Dockerfile WHEN it is checked THEN every problem is reported with its line', () => {
    const bad = [
      'FROM node:latest',
      'WORKDIR /app',
      'ADD https://example.com/tool.tar.gz /opt/',
      'COPY services/storefront/does-not-exist ./src',
      'COPY tests/load/browse.ts ./',
      'RUN npm install',
      'USER root',
      'CMD ["npm", "start"]',
    ].join('\n');

    expect(checkDockerfile(bad, expectationsFor('storefront'))).toEqual([
      'line 1: FROM node:latest is not pinned to an exact version (name:X.Y.Z[-variant][@sha256:…])',
      'the Dockerfile has 1 stage(s): dependencies must be installed in a stage of their own',
      'line 7: USER root is not numeric (Kubernetes\' runAsNonRoot needs a numeric UID)',
      'the final stage does not set NODE_ENV=production',
      'the final stage does not EXPOSE 8080',
      'the final stage does not copy node_modules from an earlier stage',
      'line 6: the final stage installs packages; install them in an earlier stage',
      'line 8: CMD runs npm: run node itself (no package manager at runtime)',
      'line 3: ADD of a URL fetches unpinned, unverified content; download in a RUN with a checksum or COPY from the context',
      'line 4: COPY source services/storefront/does-not-exist does not exist in the repository',
      'line 5: COPY source tests/load/browse.ts is excluded by .dockerignore',
      'no stage runs npm ci (installs exactly the lockfile)',
    ]);
  });

  it('GIVEN a multi-stage Dockerfile with a numeric root user, a floating minor tag and a shell-form CMD THEN each is reported', () => {
    const bad = [
      'FROM node:24-bookworm-slim AS deps',
      'RUN npm ci --workspace services/orders',
      'FROM node:24.21.0-bookworm-slim',
      'ENV NODE_ENV=production',
      'COPY --from=deps /app/node_modules ./node_modules',
      'USER 0',
      'EXPOSE 8080',
      'CMD node services/orders/src/main.ts',
    ].join('\n');

    expect(checkDockerfile(bad, expectationsFor('orders'))).toEqual([
      'line 1: FROM node:24-bookworm-slim is not pinned to an exact version (name:X.Y.Z[-variant][@sha256:…])',
      'line 6: USER 0 is root',
      'line 8: CMD is in shell form: use the exec form so that node gets SIGTERM as PID 1',
      'line 2: npm ci installs dev dependencies (add --omit=dev)',
    ]);
  });

  it('GIVEN a digest-pinned base and another workspace THEN the digest is accepted and the wrong workspace reported', () => {
    const digest = `node:24.21.0-bookworm-slim@sha256:${'a'.repeat(64)}`;
    const text = readFileSync(join(repoRoot, 'services/inventory/Dockerfile'), 'utf8').replaceAll('node:24.21.0-bookworm-slim', digest);

    const lineOf = (start: string) => text.split('\n').findIndex((line) => line.startsWith(start)) + 1;

    expect(checkDockerfile(text, expectationsFor('inventory'))).toEqual([]);
    expect(checkDockerfile(text, { ...expectationsFor('inventory'), workspace: 'services/orders' })).toEqual([
      `line ${lineOf('CMD ')}: CMD does not start services/orders/src/main.ts`,
      `line ${lineOf('RUN npm ci ')}: npm ci does not select --workspace services/orders`,
    ]);
  });
});

describe.each(services)('the deps stage of services/%s/Dockerfile', (service) => {
  it('GIVEN only the files the deps stage copies WHEN its npm ci runs as a dry run, offline THEN it plans the service’s production tree and nothing else', () => {
    const text = readFileSync(join(repoRoot, 'services', service, 'Dockerfile'), 'utf8');
    const [deps] = stagesOf(parseDockerfile(text));
    const copies = (deps?.instructions ?? []).filter((i) => i.keyword === 'COPY');
    const install = deps?.instructions.find((i) => i.keyword === 'RUN' && i.args.startsWith('npm ci '));
    const context = mkdtempSync(join(tmpdir(), `strata-${service}-deps-`));
    try {
      for (const copy of copies) {
        const words = copy.args.split(/\s+/);
        const target = words.at(-1) ?? '';
        for (const source of words.slice(0, -1)) {
          const into = target.endsWith('/') ? join(context, target, source.split('/').at(-1) ?? '') : join(context, target);
          mkdirSync(dirname(into), { recursive: true });
          copyFileSync(join(repoRoot, source), into);
        }
      }
      const flags = (install?.args ?? '').split(/\s+/).slice(2);
      const run = spawnSync('npm', ['ci', ...flags, '--dry-run', '--offline'], { cwd: context, encoding: 'utf8' });
      const planned = new Set([...run.stdout.matchAll(/^add (\S+) /gm)].map((m) => m[1]));

      expect(run.status, run.stderr).toBe(0);
      expect([...planned].filter((name) => name?.startsWith('@strata/')).sort()).toEqual([`@strata/${service}`, '@strata/service-kit'].sort());
      for (const runtime of ['fastify', 'pino', 'pg', 'zod', 'undici', '@electric-sql/pglite']) expect(planned.has(runtime), runtime).toBe(true);
      for (const devOnly of ['vitest', 'typescript', 'eslint', '@pact-foundation/pact', 'node', 'kubernetes-models']) expect(planned.has(devOnly), devOnly).toBe(false);
    } finally {
      rmSync(context, { recursive: true, force: true });
    }
  }, 60_000);
});
