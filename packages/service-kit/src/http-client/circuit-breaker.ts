/**
 * A circuit breaker per called service. Closed: calls go through, consecutive failures are
 * counted. Open (after `threshold` of them): calls are rejected at once for `resetMs`.
 * Half-open: one trial call goes through; its success closes the circuit, its failure
 * opens it again for another `resetMs`.
 */

export type CircuitState = 'closed' | 'open' | 'half-open';

/** What a caller may do now: go (`closed`), go as the one trial (`trial`), or not (`rejected`). */
export type Admission = 'closed' | 'trial' | 'rejected';

export interface CircuitBreakerOptions {
  readonly threshold: number;
  readonly resetMs: number;
  /** Told of every change of state, with the consecutive failures that led to it. */
  readonly onTransition?: (from: CircuitState, to: CircuitState, failures: number) => void;
  /** @default Date.now */
  readonly now?: () => number;
}

export class CircuitBreaker {
  readonly #threshold: number;
  readonly #resetMs: number;
  readonly #onTransition: CircuitBreakerOptions['onTransition'];
  readonly #now: () => number;
  #state: CircuitState = 'closed';
  #failures = 0;
  #openedAt = 0;
  #trialInFlight = false;

  constructor(options: CircuitBreakerOptions) {
    this.#threshold = options.threshold;
    this.#resetMs = options.resetMs;
    this.#onTransition = options.onTransition;
    this.#now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    return this.#state;
  }

  /** Consecutive failures seen (that opened the circuit, when it is open). */
  get failures(): number {
    return this.#failures;
  }

  /** Milliseconds until an open circuit lets a trial call through; 0 when it would now. */
  get retryInMs(): number {
    return this.#state === 'open' ? Math.max(0, this.#openedAt + this.#resetMs - this.#now()) : 0;
  }

  admit(): Admission {
    if (this.#state === 'closed') return 'closed';
    if (this.#state === 'open') {
      if (this.retryInMs > 0) return 'rejected';
      this.#move('half-open');
    }
    if (this.#trialInFlight) return 'rejected';
    this.#trialInFlight = true;
    return 'trial';
  }

  /** The called service answered (below 500). */
  succeeded(admission: Admission): void {
    if (admission === 'trial') {
      this.#trialInFlight = false;
      this.#failures = 0;
      this.#move('closed');
    } else if (this.#state === 'closed') {
      this.#failures = 0;
    }
    // A call admitted before the circuit opened proves little about now: the trial decides.
  }

  /** The called service failed: no answer in time, no connection, or a 5xx. */
  failed(admission: Admission): void {
    if (admission === 'trial') {
      this.#trialInFlight = false;
      this.#failures += 1;
      this.#open();
    } else if (this.#state === 'closed') {
      this.#failures += 1;
      if (this.#failures >= this.#threshold) this.#open();
    }
  }

  /** The call ended without telling anything about the service (a bad request of ours). */
  abandoned(admission: Admission): void {
    if (admission === 'trial') this.#trialInFlight = false;
  }

  #open(): void {
    this.#openedAt = this.#now();
    this.#move('open');
  }

  #move(to: CircuitState): void {
    const from = this.#state;
    this.#state = to;
    this.#onTransition?.(from, to, this.#failures);
  }
}
