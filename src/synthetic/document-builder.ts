/**
 * One synthetic source document, written from the claims it supports: each claim's quote is placed in the
 * text as it is written, so its span is known and the quote stands at it exactly, as the ingest requires.
 */
import { createHash } from 'node:crypto';
import type { EntityTypeName, Rank } from '../provenance/entity-types';
import { citationId, claimId, type StoredClaim } from '../ingest/derive';
import { CONTEXT_LENGTH } from '../provenance/quote-selectors';
import type { Random } from './random';
import { FILLER, capitalise } from './vocabulary';

export interface ClaimSpec {
  field: string;
  value: string;
  isRef?: boolean;
  rank?: Rank;
  validFrom?: string | null;
  validTo?: string | null;
  note?: string | null;
}

export interface Subject {
  id: string;
  type: EntityTypeName;
}

/** A document's claims grouped by subject, in the order first stated. */
export type ClaimsBySubject = Map<string, { type: EntityTypeName; claims: StoredClaim[] }>;

export class DocumentBuilder {
  private text: string;
  private sentences = 0;
  readonly claims: ClaimsBySubject = new Map();
  private readonly byId = new Map<string, StoredClaim>();

  constructor(
    readonly id: string,
    header: string,
    private readonly random: Random,
  ) {
    this.text = `${header}\n\n`;
  }

  /**
   * Writes one sentence (the quote) that states every claim given about the subject, each citing it at
   * the same span; sometimes a second, differently worded sentence cites them again.
   */
  state(subject: Subject, claims: ClaimSpec[], sentence: string, restatement?: string): void {
    const quote = capitalise(sentence);
    const restated = restatement === undefined ? undefined : capitalise(restatement);
    const first = this.write(quote);
    const second = restated && this.random.chance(0.15) ? this.write(restated) : undefined;
    for (const spec of claims) {
      const claim = this.claim(subject, spec);
      for (const [q, start] of second === undefined
        ? [[quote, first]]
        : [
            [quote, first],
            [restated!, second],
          ]) {
        const spanStart = start as number;
        const cited = q as string;
        const id = citationId(claim.id, this.id, cited, spanStart);
        if (claim.citations.some((c) => c.id === id)) continue;
        claim.citations.push({
          id,
          documentId: this.id,
          quote: cited,
          spanStart,
          spanEnd: spanStart + cited.length,
          prefix: null, // filled in by finish(), when the text after the quote is written
          suffix: null,
          note: null,
        });
      }
    }
  }

  /**
   * The finished text and its hash; every citation gets its W3C quote context (32 code points on each
   * side), which must single the quote out, as the ingest requires of curated quotes.
   */
  finish(): { text: string; hash: string } {
    const text = this.text.trimEnd() + '\n';
    // a sentence that states several claims is cited by each at the same span: checked once
    const checked = new Set<number>();
    for (const claim of this.byId.values()) {
      for (const c of claim.citations) {
        c.prefix = text.slice(Math.max(0, c.spanStart! - CONTEXT_LENGTH), c.spanStart!);
        c.suffix = text.slice(c.spanEnd!, c.spanEnd! + CONTEXT_LENGTH);
        if (checked.has(c.spanStart!)) continue;
        checked.add(c.spanStart!);
        const selected = c.prefix + c.quote + c.suffix;
        const first = text.indexOf(selected);
        if (text.indexOf(selected, first + 1) >= 0)
          throw new Error(
            `synthetic document ${this.id}: the quote ${JSON.stringify(c.quote)} is not unique`,
          );
      }
    }
    return { text, hash: createHash('sha256').update(text).digest('hex') };
  }

  private claim(subject: Subject, spec: ClaimSpec): StoredClaim {
    const validFrom = spec.validFrom ?? null;
    const validTo = spec.validTo ?? null;
    const id = claimId(subject.id, spec.field, spec.value, validFrom, validTo);
    const existing = this.byId.get(id);
    if (existing) {
      // a later statement of the same claim settles its rank, as a curator's later edit would
      if (spec.rank) existing.rank = spec.rank;
      existing.note = spec.note ?? existing.note;
      return existing;
    }
    const claim: StoredClaim = {
      id,
      subjectId: subject.id,
      subjectType: subject.type,
      field: spec.field,
      value: spec.value,
      isRef: spec.isRef ?? false,
      rank: spec.rank ?? 'NORMAL',
      validFrom,
      validTo,
      inferred: false,
      note: spec.note ?? null,
      citations: [],
      origin: { file: this.id, path: `${subject.type} ${subject.id}.${spec.field}` },
    };
    this.byId.set(id, claim);
    let entry = this.claims.get(subject.id);
    if (!entry) {
      entry = { type: subject.type, claims: [] };
      this.claims.set(subject.id, entry);
    }
    entry.claims.push(claim);
    return claim;
  }

  /**
   * Appends a sentence and returns where the quote starts. Synthetic texts use characters of the Basic
   * Multilingual Plane only, so UTF-16 offsets are code-point offsets, as spans are counted.
   */
  private write(quote: string): number {
    if (this.random.chance(0.3)) this.text += `${this.random.pick(FILLER)}. `;
    // A short quote ("It opened in 2015") comes back in a large graph, now and then after the same words:
    // a filler sentence in front (each longer than the context) gives it a context of its own.
    for (let k = 0; this.text.includes(this.text.slice(-CONTEXT_LENGTH) + quote); k++) {
      if (k === FILLER.length)
        throw new Error(
          `synthetic document ${this.id}: the quote ${JSON.stringify(quote)} is written too often`,
        );
      this.text += `${FILLER[k]!}. `;
    }
    const start = this.text.length;
    this.text += `${quote}. `;
    this.sentences += 1;
    if (this.sentences % 7 === 0) this.text = this.text.trimEnd() + '\n\n';
    return start;
  }
}
