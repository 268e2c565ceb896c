import { MamoriError } from '../core/index.js';
import type { ExtractConfig } from './config.js';

/**
 * What one input may still spend: expanded bytes, archive entries, text characters and time.
 * Shared by every nesting level, so a bomb spread over many small members is caught as one.
 *
 * @example
 * const budget = new Budget(config.extract);
 * budget.spendExpanded(chunk.length); // throws ERR_LIMIT past maxExpandedBytes
 */
export class Budget {
  readonly limits: ExtractConfig;
  readonly deadline: number;
  private expanded = 0;
  private entries = 0;
  private chars = 0;

  constructor(limits: ExtractConfig, now: number = Date.now()) {
    this.limits = limits;
    this.deadline = now + limits.timeoutMs;
  }

  /**
   * Settles with `work`, or rejects with ERR_TIMEOUT once the wall-clock budget is spent (calling
   * `onTimeout` to release what the work holds), so a stuck parser cannot hold the caller.
   */
  race<T>(work: Promise<T>, onTimeout: () => void = () => {}): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        onTimeout();
        reject(new MamoriError('ERR_TIMEOUT', `extraction took longer than ${this.limits.timeoutMs} ms`));
      }, this.remainingMs);
    });
    return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
  }

  /** Throws ERR_TIMEOUT once the wall-clock budget is spent. */
  checkTime(): void {
    if (Date.now() > this.deadline) throw new MamoriError('ERR_TIMEOUT', `extraction took longer than ${this.limits.timeoutMs} ms`);
  }

  get remainingMs(): number {
    return Math.max(0, this.deadline - Date.now());
  }

  /** True once the expansion budget of the whole input is spent: trying further members only repeats the error. */
  get exhausted(): boolean {
    return this.expanded > this.limits.maxExpandedBytes;
  }

  get remainingExpanded(): number {
    return Math.max(0, this.limits.maxExpandedBytes - this.expanded);
  }

  spendExpanded(bytes: number): void {
    this.expanded += bytes;
    if (this.expanded > this.limits.maxExpandedBytes) {
      throw new MamoriError('ERR_LIMIT', `archive members expand past ${this.limits.maxExpandedBytes} bytes in total`);
    }
  }

  spendEntry(): void {
    this.entries += 1;
    if (this.entries > this.limits.maxEntries) {
      throw new MamoriError('ERR_LIMIT', `more than ${this.limits.maxEntries} archive members`);
    }
  }

  /** Takes up to `wanted` characters from the text budget and returns how many were granted. */
  grantChars(wanted: number): number {
    const granted = Math.min(wanted, Math.max(0, this.limits.maxTextChars - this.chars));
    this.chars += granted;
    return granted;
  }

  /** Largest output one compressed member may inflate to by the ratio limit alone. */
  ratioCap(compressedBytes: number): number {
    return Math.max(this.limits.ratioFloorBytes, Math.ceil(compressedBytes * this.limits.maxRatio));
  }

  /**
   * Largest output one compressed member may inflate to now: the ratio cap, what is left in total, and
   * maxInputBytes (a member is held whole in memory, as an input is).
   */
  inflateCap(compressedBytes: number): number {
    return Math.min(this.ratioCap(compressedBytes), this.remainingExpanded, this.limits.maxInputBytes);
  }

  /**
   * Throws the error for output past `inflateCap`: when the total was the binding limit the budget is
   * spent for good (so no further member is tried), else it is this member's ratio.
   */
  overflow(compressedBytes: number, what: string): never {
    const ratioCap = this.ratioCap(compressedBytes);
    if (this.remainingExpanded <= Math.min(ratioCap, this.limits.maxInputBytes)) this.spendExpanded(this.remainingExpanded + 1);
    if (this.limits.maxInputBytes < ratioCap) throw new MamoriError('ERR_LIMIT', `${what} inflates past ${this.limits.maxInputBytes} bytes, the largest input accepted`);
    throw new MamoriError('ERR_LIMIT', `${what} inflates past ${this.ratioCap(compressedBytes)} bytes from ${compressedBytes} compressed (ratio limit ${this.limits.maxRatio})`);
  }
}
