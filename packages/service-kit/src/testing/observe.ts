/** What the tests of service-kit observe: spans kept in memory, metrics, and log lines. */
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { pino, type Logger } from 'pino';
import { createTelemetry } from '../telemetry/create.ts';
import type { Telemetry } from '../telemetry/types.ts';

export interface ObservedTelemetry {
  readonly telemetry: Telemetry;
  readonly spans: InMemorySpanExporter;
}

export function observedTelemetry(options: { serviceName?: string; enabled?: boolean } = {}): ObservedTelemetry {
  const spans = new InMemorySpanExporter();
  const telemetry = createTelemetry({
    serviceName: options.serviceName ?? 'test',
    serviceVersion: '0',
    environment: 'test',
    enabled: options.enabled ?? true,
    spanExporter: spans,
    processMetrics: false,
  });
  return { telemetry, spans };
}

export interface LogLine {
  readonly level: string;
  readonly msg: string;
  readonly [field: string]: unknown;
}

/** A pino logger that keeps its JSON lines in `lines`, level names instead of numbers. */
export function capturedLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino(
    { level: 'debug', formatters: { level: (label) => ({ level: label }) } },
    { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
  );
  return { logger, lines };
}

export const silentLogger: Logger = pino({ level: 'silent' });

/** The value of one sample of the Prometheus text exposition, or undefined when absent. */
export function sampleValue(metricsText: string, name: string, labels: Readonly<Record<string, string>>): number | undefined {
  for (const line of metricsText.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = /\{(.*)\}/.exec(line)?.[1] ?? '';
    const present = new Map([...labelText.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => present.get(key) === value)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}
