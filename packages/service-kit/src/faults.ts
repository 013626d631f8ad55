import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/** What fraction of requests fail or slow down. All zero means no fault. */
export interface FaultSettings {
  /** Share of requests answered 500 `injected_fault`, 0–1. */
  readonly errorRate: number;
  /** Share of requests delayed by `delayMs`, 0–1. */
  readonly delayRate: number;
  readonly delayMs: number;
}

export const noFaults: FaultSettings = { errorRate: 0, delayRate: 0, delayMs: 0 };

const settingsSchema = z.strictObject({
  errorRate: z.number().min(0).max(1).default(0),
  delayRate: z.number().min(0).max(1).default(0),
  delayMs: z.number().int().min(0).max(60_000).default(0),
});

/** The decision for one request; `random` is injectable so tests are exact. */
export function decideFault(settings: FaultSettings, random: () => number = Math.random): { fail: boolean; delayMs: number } {
  const delayMs = settings.delayRate > 0 && random() < settings.delayRate ? settings.delayMs : 0;
  const fail = settings.errorRate > 0 && random() < settings.errorRate;
  return { fail, delayMs };
}

export interface FaultSwitch {
  current(): FaultSettings;
  /** The admin server's address, e.g. `http://127.0.0.1:9090`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Opens the admin port: `GET /faults` shows the settings, `PUT /faults` with
 * `{"errorRate":0.5,"delayRate":0.1,"delayMs":300}` sets them, `DELETE /faults` clears them.
 * Only ever started when FAULTS_ENABLED is true.
 */
export async function openFaultSwitch(host: string, port: number, onChange: (settings: FaultSettings) => void): Promise<FaultSwitch> {
  let settings = noFaults;
  const server: Server = createServer((req, res) => {
    const answer = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.url !== '/faults') return answer(404, { error: 'not_found', message: 'the admin port serves /faults only' });
    if (req.method === 'GET') return answer(200, settings);
    if (req.method === 'DELETE') {
      settings = noFaults;
      onChange(settings);
      return answer(200, settings);
    }
    if (req.method !== 'PUT') return answer(405, { error: 'method_not_allowed', message: 'use GET, PUT or DELETE' });
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        return answer(400, { error: 'bad_request', message: 'body is not JSON' });
      }
      const parsed = settingsSchema.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return answer(400, { error: 'bad_request', message: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` });
      }
      settings = parsed.data;
      onChange(settings);
      answer(200, settings);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    current: () => settings,
    url: `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
