/**
 * Batches as the text LOAD DATA reads: tab-separated, one row a line, backslash escapes, \N for NULL.
 * Each table's bytes are also hashed in order, so two runs can be compared without a database.
 */
import { createHash, type Hash } from 'node:crypto';
import type { Batch, Cell } from './generate';

const SPECIAL = /[\t\n\r\\\0]/;
const ESCAPES: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\\': '\\\\', '\0': '\\0' };

function cell(value: Cell): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return SPECIAL.test(value) ? value.replace(/[\t\n\r\\\0]/g, (c) => ESCAPES[c]!) : value;
}

export class TsvEncoder {
  private readonly hashes = new Map<string, Hash>();
  private readonly counts = new Map<string, number>();

  /** Encodes a batch, table by table, and adds it to the running checksums. */
  encode(batch: Batch): Map<string, Buffer> {
    const out = new Map<string, Buffer>();
    for (const [table, rows] of batch) {
      let text = '';
      for (const row of rows) {
        for (let i = 0; i < row.length; i++) text += (i === 0 ? '' : '\t') + cell(row[i] as Cell);
        text += '\n';
      }
      const bytes = Buffer.from(text, 'utf8');
      let hash = this.hashes.get(table);
      if (!hash) this.hashes.set(table, (hash = createHash('sha256')));
      hash.update(bytes);
      this.counts.set(table, (this.counts.get(table) ?? 0) + rows.length);
      out.set(table, bytes);
    }
    return out;
  }

  /** Rows and a SHA-256 of the bytes written per table, in table-name order. */
  summary(): Record<string, { rows: number; sha256: string }> {
    return Object.fromEntries(
      [...this.hashes.keys()]
        .sort()
        .map((t) => [t, { rows: this.counts.get(t)!, sha256: this.hashes.get(t)!.copy().digest('hex') }]),
    );
  }
}
