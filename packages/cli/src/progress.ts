/** Progress on a TTY (stderr), silent in CI and when output is piped. */
export interface Progress {
  step(message: string): void;
  done(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const enabled = stream.isTTY === true && !process.env.CI;
  let last = '';
  return {
    step(message) {
      if (!enabled) return;
      last = message;
      stream.write(`\r\x1b[2K… ${message}`);
    },
    done() {
      if (enabled && last !== '') stream.write('\r\x1b[2K');
      last = '';
    },
  };
}
