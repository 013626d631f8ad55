/** A first-come, first-served lock for asynchronous work (PGlite's single connection). */
export class Mutex {
  #locked = false;
  readonly #waiters: Array<() => void> = [];

  get locked(): boolean {
    return this.#locked;
  }

  /** Callers waiting for the lock. */
  get waiting(): number {
    return this.#waiters.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#locked) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    else this.#locked = true;
    try {
      return await work();
    } finally {
      // Hand the lock straight to the next waiter, so that nobody can jump the queue.
      const next = this.#waiters.shift();
      if (next === undefined) this.#locked = false;
      else next();
    }
  }
}
