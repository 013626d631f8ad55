/**
 * Real Prometheus and Alertmanager (Debian's packages) on loopback for tests: each in its
 * own temp folder and free port, stopped and removed by `stop()`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { dump } from 'js-yaml';
import { freePort } from '@strata/service-kit/testing';

export const prometheusBinary = '/usr/bin/prometheus';
export const alertmanagerBinary = '/usr/bin/prometheus-alertmanager';

/** Why the live tests cannot run here, or undefined when they can. */
export function missingPrometheus(): string | undefined {
  for (const binary of [prometheusBinary, alertmanagerBinary]) {
    if (spawnSync(binary, ['--version'], { stdio: 'ignore' }).status !== 0) {
      return `${binary} is missing: apt-get install prometheus prometheus-alertmanager`;
    }
  }
  return undefined;
}

interface Started {
  readonly url: string;
  readonly dir: string;
  stop(): Promise<void>;
}

async function startServer(name: string, args: (dir: string, port: number) => string[], readyPath: string): Promise<Started> {
  const dir = mkdtempSync(join(tmpdir(), `strata-${name}-`));
  const port = await freePort();
  const child: ChildProcess = spawn(name === 'prometheus' ? prometheusBinary : alertmanagerBinary, args(dir, port), { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4_000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`${name} exited with ${child.exitCode}: ${log.trim().split('\n').slice(-3).join(' / ')}`);
    }
    try {
      if ((await fetch(`${url}${readyPath}`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} was not ready within 30 s: ${log.trim().split('\n').slice(-3).join(' / ')}`);
    }
    await sleep(100);
  }
  return { url, dir, stop };
}

export interface ScrapeTarget {
  /** host:port */
  readonly address: string;
  /** Target labels, as the ServiceMonitor sets them in a cluster: service, namespace, job. */
  readonly labels: Readonly<Record<string, string>>;
}

export interface PrometheusOptions {
  readonly targets: readonly ScrapeTarget[];
  /** Rule groups, as `promtool check rules` takes them (`{ groups: [...] }`). */
  readonly rules?: unknown;
  readonly alertmanagerUrl?: string;
  /** @default '1s' */
  readonly scrapeInterval?: string;
  /** @default '1s' */
  readonly evaluationInterval?: string;
  /** Labels every series and alert gets (e.g. `{ cluster: 'test' }`). */
  readonly externalLabels?: Readonly<Record<string, string>>;
}

export async function startPrometheus(options: PrometheusOptions): Promise<Started & { query(expr: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> }> {
  const server = await startServer(
    'prometheus',
    (dir, port) => {
      const config = {
        global: {
          scrape_interval: options.scrapeInterval ?? '1s',
          evaluation_interval: options.evaluationInterval ?? '1s',
          ...(options.externalLabels ? { external_labels: options.externalLabels } : {}),
        },
        ...(options.rules === undefined ? {} : { rule_files: [join(dir, 'rules.yaml')] }),
        ...(options.alertmanagerUrl === undefined
          ? {}
          : { alerting: { alertmanagers: [{ static_configs: [{ targets: [options.alertmanagerUrl.replace(/^https?:\/\//, '')] }] }] } }),
        scrape_configs: [
          {
            job_name: 'shop',
            // Keep the target labels (service, namespace, job) as the ServiceMonitor does.
            honor_labels: true,
            static_configs: options.targets.map((t) => ({ targets: [t.address], labels: t.labels })),
          },
        ],
      };
      writeFileSync(join(dir, 'prometheus.yml'), dump(config));
      if (options.rules !== undefined) writeFileSync(join(dir, 'rules.yaml'), dump(options.rules, { noRefs: true, lineWidth: -1 }));
      return [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        // Alertmanager is discovered a few seconds after start: resend firing alerts every
        // second rather than every minute, so a test sees them soon after that.
        '--rules.alert.resend-delay=1s',
        '--log.level=warn',
      ];
    },
    '/-/ready',
  );
  return {
    ...server,
    async query(expr) {
      const response = await fetch(`${server.url}/api/v1/query?query=${encodeURIComponent(expr)}`);
      const body = (await response.json()) as { status: string; error?: string; data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
      if (body.status !== 'success') throw new Error(`query ${expr}: ${body.error ?? response.status}`);
      return body.data.result;
    },
  };
}

/** An alert as Alertmanager's `/api/v2/alerts` lists it (the fields the tests read). */
export interface AlertmanagerAlert {
  readonly labels: Record<string, string>;
  readonly status: {
    /** `active`, `suppressed` (inhibited or silenced) or `unprocessed`. */
    readonly state: string;
    /** Fingerprints of the alerts that inhibit this one. */
    readonly inhibitedBy?: readonly string[];
    readonly silencedBy?: readonly string[];
  };
}

export async function startAlertmanager(config: unknown): Promise<Started & { alerts(): Promise<AlertmanagerAlert[]> }> {
  const server = await startServer(
    'alertmanager',
    (dir, port) => {
      writeFileSync(join(dir, 'alertmanager.yml'), dump(config, { noRefs: true }));
      return [
        `--config.file=${join(dir, 'alertmanager.yml')}`,
        `--storage.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
        '--log.level=warn',
      ];
    },
    '/-/ready',
  );
  return {
    ...server,
    async alerts() {
      return (await (await fetch(`${server.url}/api/v2/alerts`)).json()) as AlertmanagerAlert[];
    },
  };
}
