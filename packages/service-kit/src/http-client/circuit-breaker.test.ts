import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitState } from './circuit-breaker.ts';

function breakerWithClock(threshold = 3, resetMs = 1000) {
  let now = 0;
  const transitions: string[] = [];
  const breaker = new CircuitBreaker({
    threshold,
    resetMs,
    now: () => now,
    onTransition: (from: CircuitState, to: CircuitState, failures: number) => transitions.push(`${from}→${to} (${failures})`),
  });
  return { breaker, transitions, advance: (ms: number) => (now += ms) };
}

describe('CircuitBreaker', () => {
  it('GIVEN fewer consecutive failures than the threshold WHEN a success comes between THEN the circuit stays closed', () => {
    const { breaker } = breakerWithClock();
    breaker.failed(breaker.admit());
    breaker.failed(breaker.admit());
    breaker.succeeded(breaker.admit());
    breaker.failed(breaker.admit());
    breaker.failed(breaker.admit());
    expect(breaker.state).toBe('closed');
    expect(breaker.failures).toBe(2);
  });

  it('GIVEN threshold consecutive failures WHEN calls come THEN they are rejected until resetMs has passed', () => {
    const { breaker, transitions, advance } = breakerWithClock();
    for (let i = 0; i < 3; i += 1) breaker.failed(breaker.admit());
    expect(breaker.state).toBe('open');
    expect(breaker.admit()).toBe('rejected');
    advance(400);
    expect(breaker.retryInMs).toBe(600);
    expect(breaker.admit()).toBe('rejected');
    expect(transitions).toEqual(['closed→open (3)']);
  });

  it('GIVEN an open circuit WHEN resetMs has passed THEN exactly one trial goes through, and its success closes the circuit', () => {
    const { breaker, transitions, advance } = breakerWithClock();
    for (let i = 0; i < 3; i += 1) breaker.failed(breaker.admit());
    advance(1000);
    const trial = breaker.admit();
    expect(trial).toBe('trial');
    expect(breaker.admit()).toBe('rejected');
    breaker.succeeded(trial);
    expect(breaker.state).toBe('closed');
    expect(breaker.admit()).toBe('closed');
    expect(transitions).toEqual(['closed→open (3)', 'open→half-open (3)', 'half-open→closed (0)']);
  });

  it('GIVEN a half-open circuit WHEN the trial fails THEN the circuit opens again for another resetMs', () => {
    const { breaker, transitions, advance } = breakerWithClock();
    for (let i = 0; i < 3; i += 1) breaker.failed(breaker.admit());
    advance(1000);
    breaker.failed(breaker.admit());
    expect(breaker.state).toBe('open');
    expect(breaker.retryInMs).toBe(1000);
    expect(breaker.failures).toBe(4);
    expect(transitions.at(-1)).toBe('half-open→open (4)');
  });

  it('GIVEN a trial that ends without a verdict WHEN the next call comes THEN it becomes the trial', () => {
    const { breaker, advance } = breakerWithClock();
    for (let i = 0; i < 3; i += 1) breaker.failed(breaker.admit());
    advance(1000);
    breaker.abandoned(breaker.admit());
    expect(breaker.admit()).toBe('trial');
  });

  it('GIVEN calls admitted before the circuit opened WHEN they end while it is open THEN they change nothing', () => {
    const { breaker } = breakerWithClock();
    const early = breaker.admit();
    for (let i = 0; i < 3; i += 1) breaker.failed(breaker.admit());
    breaker.succeeded(early);
    expect(breaker.state).toBe('open');
    expect(breaker.admit()).toBe('rejected');
  });
});
