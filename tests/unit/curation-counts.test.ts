/** What seed:report counts per document for a reviewer: inferred, deprecated, competing and unranked claims. */
import { curationCounts, type CitedClaimRow } from '../../src/ingest/curation-counts';

const row = (claimId: string, documentId: string, over: Partial<CitedClaimRow> = {}): CitedClaimRow => ({
  claimId,
  subjectType: 'Project',
  subjectId: 'tanap',
  field: 'summary',
  rank: 'NORMAL',
  inferred: false,
  documentId,
  ...over,
});

describe('Seed report: curationCounts', () => {
  it('counts two live values of a single-valued field as competing, and unranked until one is PREFERRED', () => {
    const unranked = curationCounts([row('a', 'doc-1'), row('b', 'doc-2')]);
    expect(unranked.documents.map((d) => [d.document, d.competing, d.unranked])).toEqual([
      ['doc-1', 1, 1],
      ['doc-2', 1, 1],
    ]);
    expect(unranked.competing).toEqual([
      { type: 'Project', id: 'tanap', field: 'summary', claims: 2, preferred: false },
    ]);
    const ranked = curationCounts([row('a', 'doc-1', { rank: 'PREFERRED' }), row('b', 'doc-2')]);
    expect(ranked.total).toMatchObject({ claims: 2, competing: 2, unranked: 0 });
    expect(ranked.competing[0]!.preferred).toBe(true);
  });

  it('leaves out deprecated values and multi-valued fields, and counts deprecated and inferred claims', () => {
    const counts = curationCounts([
      row('a', 'doc-1'),
      row('b', 'doc-1', { rank: 'DEPRECATED' }),
      row('c', 'doc-1', { field: 'aliases', inferred: true }),
      row('d', 'doc-1', { field: 'aliases' }),
    ]);
    expect(counts.competing).toEqual([]);
    expect(counts.documents).toEqual([
      { document: 'doc-1', claims: 4, inferred: 1, deprecated: 1, competing: 0, unranked: 0 },
    ]);
  });

  it('counts a claim once per document that cites it, and once in the total', () => {
    const counts = curationCounts([
      row('a', 'doc-1', { inferred: true }),
      row('a', 'doc-1', { inferred: true }),
      row('a', 'doc-2', { inferred: true }),
    ]);
    expect(counts.documents.map((d) => [d.document, d.claims, d.inferred])).toEqual([
      ['doc-1', 1, 1],
      ['doc-2', 1, 1],
    ]);
    expect(counts.total).toMatchObject({ claims: 1, inferred: 1 });
  });
});
