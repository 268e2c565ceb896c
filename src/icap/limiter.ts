/**
 * Counts concurrent holders; `acquire` waits for a free slot in arrival order.
 *
 * @example
 * const slots = new Limiter(8);
 * const release = await slots.acquire();
 * try { ... } finally { release(); }
 */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly max: number) {}

  get inUse(): number {
    return this.active;
  }

  async acquire(): Promise<() => void> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `active` stays as is.
      if (next) next();
      else this.active--;
    };
  }
}
