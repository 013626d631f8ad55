import type { z } from 'zod';
import { ConfigError } from './config.ts';
import { startService, type ServiceDefinition } from './service.ts';

/**
 * A service's `main`: starts it from process.env and resolves with the exit code once
 * SIGTERM or SIGINT has shut it down (0 when every in-flight request got its answer).
 * A bad variable or a failed start resolves at once with 1, after one line on stderr.
 */
export async function runService<S extends z.ZodRawShape>(definition: ServiceDefinition<S>): Promise<number> {
  let service;
  try {
    service = await startService(definition);
  } catch (error) {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(`${definition.name}: cannot start: ${(error as Error).message}`);
    return 1;
  }
  const running = service;
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  const { forced } = await running.shutdown(signal);
  return forced ? 1 : 0;
}
