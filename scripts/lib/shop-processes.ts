/**
 * Starts the shop's three services as child processes on loopback and waits until each
 * answers /readyz. Used by `npm run shop`, `npm run bench:shop` and the tests of both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const repositoryRoot = resolve(import.meta.dirname, '..', '..');

export type ShopServiceName = 'inventory' | 'orders' | 'storefront';

export interface ShopOptions {
  /** storefront listens on it, orders on +1, inventory on +2; admin ports are +1000. */
  readonly portBase: number;
  /** Where each service's stdout and stderr go, as `<name>.log`. */
  readonly logDir: string;
  /** PostgreSQL per service; PGlite (embedded) for a service not named. */
  readonly databaseUrls?: Partial<Record<ShopServiceName, string>>;
  /** Added to every service's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** @default 60000 */
  readonly readyTimeoutMs?: number;
  /** Called when a service exits on its own (not through stop()). */
  readonly onUnexpectedExit?: (name: ShopServiceName, description: string) => void;
}

export interface ShopMember {
  readonly name: ShopServiceName;
  readonly url: string;
  readonly adminUrl: string;
  readonly process: ChildProcess;
}

export interface RunningShop {
  readonly members: readonly ShopMember[];
  url(name: ShopServiceName): string;
  /** SIGTERM to each, then waits for every exit; resolves with their exit codes. */
  stop(): Promise<Record<ShopServiceName, number | null>>;
}

export async function startShopProcesses(options: ShopOptions): Promise<RunningShop> {
  const url = (offset: number): string => `http://127.0.0.1:${options.portBase + offset}`;
  const plan: ReadonlyArray<{ name: ShopServiceName; offset: number; env: Record<string, string> }> = [
    { name: 'inventory', offset: 2, env: { SEED_DEMO_DATA: 'true' } },
    { name: 'orders', offset: 1, env: { INVENTORY_URL: url(2) } },
    { name: 'storefront', offset: 0, env: { INVENTORY_URL: url(2), ORDERS_URL: url(1) } },
  ];
  mkdirSync(options.logDir, { recursive: true });
  let stopping = false;
  const members: ShopMember[] = plan.map(({ name, offset, env }) => {
    const port = options.portBase + offset;
    const database = options.databaseUrls?.[name];
    const child = spawn(process.execPath, [join(repositoryRoot, 'services', name, 'src', 'main.ts')], {
      env: {
        ...process.env,
        DEPLOYMENT_ENVIRONMENT: 'local',
        ...options.env,
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        ADMIN_PORT: String(port + 1000),
        ...(database === undefined ? {} : { DATABASE_URL: database }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(join(options.logDir, `${name}.log`));
    child.stdout.pipe(log);
    let lastErr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      lastErr = (lastErr + chunk.toString()).slice(-2_000);
      log.write(chunk);
    });
    child.once('exit', (code, signal) => {
      if (stopping) return;
      const why = `${name} exited (${signal ?? `code ${code}`})${lastErr.trim() === '' ? '' : `: ${lastErr.trim().split('\n').slice(-3).join(' / ')}`}`;
      options.onUnexpectedExit?.(name, `${why}; its log is ${join(options.logDir, `${name}.log`)}`);
    });
    return { name, url: url(offset), adminUrl: `http://127.0.0.1:${port + 1000}`, process: child };
  });

  const stop = async (): Promise<Record<ShopServiceName, number | null>> => {
    stopping = true;
    const codes = await Promise.all(
      members.map(
        (m) =>
          new Promise<[ShopServiceName, number | null]>((done) => {
            if (m.process.exitCode !== null || m.process.signalCode !== null) return done([m.name, m.process.exitCode]);
            m.process.once('exit', (code) => done([m.name, code]));
            m.process.kill('SIGTERM');
          }),
      ),
    );
    return Object.fromEntries(codes) as Record<ShopServiceName, number | null>;
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  try {
    for (const member of members) {
      for (;;) {
        if (member.process.exitCode !== null) throw new Error(`${member.name} exited with code ${member.process.exitCode} before it was ready; see ${join(options.logDir, `${member.name}.log`)}`);
        try {
          if ((await fetch(`${member.url}/readyz`)).ok) break;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`${member.name} was not ready in time; see ${join(options.logDir, `${member.name}.log`)}`);
        await sleep(100);
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { members, url: (name) => members.find((m) => m.name === name)?.url ?? '', stop };
}
