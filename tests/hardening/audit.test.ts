/**
 * GraphQL-over-HTTP conformance: graphql-http's server audits against the running service. Every audit
 * passes except a known, deliberate set of deviations (all recommendations or options, none a MUST); any
 * other result that is not "ok" fails the test and is listed with its reason.
 */
import { serverAudits } from 'graphql-http';
import { useTestService } from '../support/service';

const api = useTestService();

/** Audits the service deliberately does not pass, by id, with the status graphql-http gives them. */
const KNOWN_DEVIATIONS: Record<string, { status: 'warn' | 'notice'; why: string }> = {
  // GET without a `content-type` or `apollo-require-preflight`/`x-apollo-operation-name` header is refused
  // with 400 by Apollo's CSRF prevention (csrfPrevention: true), so a "simple" cross-site GET cannot run.
  '5A70': { status: 'notice', why: 'MAY accept application/x-www-form-urlencoded formatted GET requests' },
  D6D5: { status: 'notice', why: 'MAY allow URL-encoded JSON {variables} in GETs (graphql-response+json)' },
  '6A70': { status: 'notice', why: 'MAY allow URL-encoded JSON {variables} in GETs (application/json)' },
  // Apollo Server answers parse, validation and variable-coercion failures with 400 whatever the client
  // accepts; the spec recommends 200 for legacy application/json clients only.
  '572B': {
    status: 'warn',
    why: 'SHOULD use 200 on document parsing failure when accepting application/json',
  },
  FDE2: {
    status: 'warn',
    why: 'SHOULD use 200 on document validation failure when accepting application/json',
  },
  '7B9B': {
    status: 'warn',
    why: 'SHOULD use 200 on variable coercion failure when accepting application/json',
  },
};

describe('Hardening: GraphQL-over-HTTP audits (graphql-http)', () => {
  it('passes every audit but the known deviations', async () => {
    const audits = serverAudits({ url: api.url, fetchFn: fetch });
    expect(audits.length).toBeGreaterThan(50);
    const failing: string[] = [];
    const deviations: string[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (result.status === 'ok') continue;
      const known = KNOWN_DEVIATIONS[result.id];
      if (known && known.status === result.status) deviations.push(result.id);
      else failing.push(`${result.id} ${result.status}: ${result.name} (${result.reason})`);
    }
    expect(failing).toEqual([]);
    // a deviation that is gone is good news, but the list above must then be updated
    expect(deviations.sort()).toEqual(Object.keys(KNOWN_DEVIATIONS).sort());
  });
});
