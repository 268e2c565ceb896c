import type { ErrorCode, PartError } from '../../core/index.js';
import type { UploadItem } from './types.js';

/**
 * Collects items and errors, enforces the item cap and keeps paths unique.
 * `full` turns true once the cap is reached; parsers stop adding then.
 */
export class UploadSink {
  readonly items: UploadItem[] = [];
  readonly errors: PartError[] = [];
  readonly reasons: string[] = [];
  private readonly paths = new Map<string, number>();
  full = false;

  constructor(private readonly maxParts: number) {}

  /**
   * Adds an item; false when the cap was reached (recorded once as ERR_LIMIT, unscannable).
   * `force` admits a summary item (the JSON text) even then: it holds what was read before the cap.
   */
  add(item: UploadItem, force = false): boolean {
    if (this.full && !force) return false;
    if (this.items.length >= this.maxParts && !force) {
      this.full = true;
      this.error(item.path, 'ERR_LIMIT', `more than ${this.maxParts} parts in one upload; the rest was not inspected`, true);
      return false;
    }
    const seen = this.paths.get(item.path) ?? 0;
    this.paths.set(item.path, seen + 1);
    this.items.push(seen === 0 ? item : { ...item, path: `${item.path}#${seen + 1}` });
    return true;
  }

  /** Records a problem; `unscannable` when some content was not inspected because of it. */
  error(path: string, code: ErrorCode, message: string, unscannable = false): void {
    this.errors.push({ path, code, message });
    if (unscannable) this.reasons.push(`${path}: ${message}`);
  }
}
