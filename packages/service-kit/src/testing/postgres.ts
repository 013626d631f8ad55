/**
 * A throwaway PostgreSQL 15 server for tests: a fresh cluster in a temporary directory,
 * listening on 127.0.0.1 on a free port, with its own unix socket directory. PostgreSQL
 * refuses to run as root, so as root (how CI runs) its programs run as `postgres`.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, chown, mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './ports.ts';

export interface PostgresOptions {
  /**
   * Folder of initdb, pg_ctl and postgres.
   * @default /usr/lib/postgresql/15/bin, else what `pg_config --bindir` says
   */
  readonly binDir?: string;
  /** Extra `postgresql.conf` settings, e.g. `{ max_connections: 50 }`. @default - a free port, fsync off */
  readonly settings?: Readonly<Record<string, string | number>>;
}

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` (trust authentication, no password). */
  readonly url: string;
  readonly port: number;
  /** The temporary folder holding `data/`, `socket/` and `postgres.log`. */
  readonly dir: string;
  /** Creates a database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Fast shutdown: open connections are terminated. */
  stop(): Promise<void>;
  /** Starts the stopped server again, on the same port and data. */
  start(): Promise<void>;
  restart(): Promise<void>;
  /** Stops the server and removes its folder. */
  destroy(): Promise<void>;
}

const debianBinDir = '/usr/lib/postgresql/15/bin';
const installHint = 'apt-get install postgresql-15';

/** Fast and disposable: durability is worth nothing in a test. */
const testSettings: Readonly<Record<string, string | number>> = {
  listen_addresses: "'127.0.0.1'",
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: 100,
  shared_buffers: "'32MB'",
  log_min_messages: 'warning',
};

/** Servers of this process that are still running, stopped at exit if a test forgot to. */
const running = new Map<string, () => void>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const stopNow of running.values()) stopNow();
  });
}

export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  const binDir = options.binDir ?? findBinDir();
  for (const program of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(join(binDir, program))) {
      throw new Error(`PostgreSQL 15 is not installed: ${join(binDir, program)} is missing (${installHint})`);
    }
  }
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresUser() : undefined;

  const dir = await mkdtemp(join(tmpdir(), 'strata-pg-'));
  const dataDir = join(dir, 'data');
  const socketDir = join(dir, 'socket');
  const logFile = join(dir, 'postgres.log');
  try {
    await mkdir(socketDir);
    if (owner !== undefined) {
      await chown(dir, owner.uid, owner.gid);
      await chown(socketDir, owner.uid, owner.gid);
    }
    const run = (program: string, args: readonly string[]): Promise<string> =>
      runProgram(join(binDir, program), args, { asPostgres: owner !== undefined, cwd: dir });

    const template = await clusterTemplate(binDir, owner);
    await runProgram('cp', ['-a', template, dataDir], { asPostgres: false, cwd: dir });
    const settings = { ...testSettings, unix_socket_directories: `'${socketDir}'`, ...options.settings };
    const conf = Object.entries(settings).map(([key, value]) => `${key} = ${value}`).join('\n');
    await appendFile(join(dataDir, 'postgresql.conf'), `\n# startPostgres()\n${conf}\n`);
    let port = 0;

    const start = async (): Promise<void> => {
      try {
        await run('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start']);
      } catch (error) {
        throw new Error(`PostgreSQL did not start on port ${port}: ${messageOf(error)}\n${await tail(logFile)}`, { cause: error });
      }
      running.set(dir, () => {
        const [command, args] = programLine(join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop'], owner !== undefined);
        spawnSync(command, args, { stdio: 'ignore', cwd: dir });
      });
      installExitHook();
    };
    const stop = async (): Promise<void> => {
      if (!running.has(dir)) return;
      await run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      running.delete(dir);
    };

    // A free port may be taken (by another test's server, or as the local port of some
    // connection) before PostgreSQL binds it: then try another. The last `port` line wins.
    for (let attempt = 1; ; attempt += 1) {
      port = options.settings?.port === undefined ? await freePort() : Number(options.settings.port);
      await appendFile(join(dataDir, 'postgresql.conf'), `port = ${port}\n`);
      try {
        await start();
        break;
      } catch (error) {
        const portTaken = options.settings?.port === undefined && (await tail(logFile)).includes('Address already in use');
        if (attempt >= 3 || !portTaken) throw error;
      }
    }
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    return {
      url,
      port,
      dir,
      async createDatabase(name) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
        } finally {
          await client.end();
        }
        return `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
      },
      stop,
      start: async () => {
        if (!running.has(dir)) await start();
      },
      restart: async () => {
        await stop();
        await start();
      },
      destroy: async () => {
        await stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    running.get(dir)?.();
    running.delete(dir);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * initdb takes most of the start (about 0.8 s of 1 s here, and far more on a busy machine), so
 * it runs once per machine into a template folder that every server copies (0.2 s). The
 * template appears by rename only once complete, so concurrent test files never see half of it.
 */
async function clusterTemplate(binDir: string, owner: { uid: number; gid: number } | undefined): Promise<string> {
  const key = `${binDir.replaceAll(/[^A-Za-z0-9]+/g, '-')}-uid${process.getuid?.() ?? 0}`;
  const template = join(tmpdir(), `strata-pg-template${key}`);
  if (existsSync(join(template, 'PG_VERSION'))) return template;
  const building = await mkdtemp(join(tmpdir(), 'strata-pg-template-building-'));
  try {
    if (owner !== undefined) await chown(building, owner.uid, owner.gid);
    const dataDir = join(building, 'data');
    await runProgram(
      join(binDir, 'initdb'),
      ['-D', dataDir, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--locale=C', '--no-sync', '--no-instructions'],
      { asPostgres: owner !== undefined, cwd: building },
    );
    await rename(dataDir, template).catch((error: unknown) => {
      // Another process finished its template first: theirs is as good as ours.
      if (!existsSync(join(template, 'PG_VERSION'))) throw error;
    });
    return template;
  } finally {
    await rm(building, { recursive: true, force: true });
  }
}

function findBinDir(): string {
  if (existsSync(join(debianBinDir, 'postgres'))) return debianBinDir;
  const pgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  return pgConfig.status === 0 ? pgConfig.stdout.trim() : debianBinDir;
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string): number => {
    const result = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`PostgreSQL refuses to run as root and there is no "postgres" user to run it as (${installHint} creates it)`);
    }
    return Number(result.stdout.trim());
  };
  return { uid: id('-u'), gid: id('-g') };
}

/** The command line of a program, through `runuser` when it must run as `postgres`. */
function programLine(program: string, args: readonly string[], asPostgres: boolean): [string, string[]] {
  return asPostgres ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, [...args]];
}

function runProgram(program: string, args: readonly string[], options: { asPostgres: boolean; cwd: string }): Promise<string> {
  const [command, commandArgs] = programLine(program, args, options.asPostgres);
  return new Promise((resolve, reject) => {
    execFile(command, commandArgs, { cwd: options.cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${program} ${args.join(' ')} failed: ${(stderr || stdout || error.message).trim()}`, { cause: error }));
      else resolve(stdout);
    });
  });
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function tail(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim().split('\n').slice(-20).join('\n');
  } catch {
    return '(no server log)';
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
