/**
 * A synthetic document states many claims in short sentences; in a large graph the same sentence comes back
 * in one document, sometimes after the same words. Every citation must still be singled out by its W3C
 * quote context (prefix + exact + suffix occurs once), as the ingest requires of every quote.
 */
import { DocumentBuilder } from '../../src/synthetic/document-builder';
import { Random } from '../../src/synthetic/random';

describe('Synthetic documents: every quote singled out by its context', () => {
  it.each(Array.from({ length: 20 }, (_, i) => i + 1))('sets a repeated sentence apart (seed %i)', (seed) => {
    const doc = new DocumentBuilder('synthetic--document-test', 'Test document', new Random(seed));
    // the same two sentences about other subjects, again and again: the same quote after the same words
    for (let i = 0; i < 6; i++) {
      const subject = { id: `synthetic--project-${i}`, type: 'Project' as const };
      doc.state(subject, [{ field: 'start', value: '2015' }], 'it opened in 2015');
      doc.state(subject, [{ field: 'status', value: 'COMPLETED' }], 'it was completed');
    }
    const { text } = doc.finish();
    const citations = [...doc.claims.values()].flatMap((s) => s.claims.flatMap((c) => c.citations));
    expect(citations.length).toBeGreaterThanOrEqual(12);
    for (const c of citations) {
      expect(text.slice(c.spanStart!, c.spanEnd!)).toBe(c.quote);
      const selected = c.prefix! + c.quote + c.suffix!;
      expect(text.indexOf(selected)).toBe(text.lastIndexOf(selected));
    }
    expect(text.split('It opened in 2015').length - 1).toBe(6);
  });
});
