import { describe, expect, it } from 'vitest';
import { byEndpoint, fixture, loadCorpus } from './corpus.js';

const corpus = loadCorpus();

describe('wire conformance corpus: metadata', () => {
  it('has fixtures', () => {
    expect(corpus.length).toBeGreaterThan(100);
  });

  it.each(corpus.map((f) => [f.file, f] as const))(
    '%s carries its provenance and shape',
    (file, f) => {
      expect(file).toMatch(/^[a-z]+\/[a-z0-9-]+\.(request|response)(\.[a-z0-9-]+)?\.json$/);
      expect(file.includes(`.${f.kind}.`) || file.endsWith(`.${f.kind}.json`)).toBe(true);

      expect(f.source.page).toMatch(
        /^https:\/\/learn\.microsoft\.com\/en-us\/partner-center\/developer\/[a-z0-9-]+$/,
      );
      expect(f.source.repo).toMatch(/^[\w.-]+\/[\w.-]+$/);
      // partner-center-pr forks keep pages under develop/, MicrosoftDocs/partner-rest under partner-rest/develop/,
      // the 2023 snapshot kvamseek/partner-center under developer/.
      expect(f.source.path).toMatch(/^(partner-rest\/)?develop(er)?\/[\w.-]+\.md$/);
      expect(
        f.source.page.endsWith(
          f.source.path.replace(/^(partner-rest\/)?develop(er)?\//, '').replace(/\.md$/, ''),
        ),
      ).toBe(true);
      expect(f.source.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(f.source.revision).toMatch(/^\d{4}-\d{2}$/);

      // `/v1/` on api.partnercenter.microsoft.com; `/v1.0/` on api.partner.microsoft.com (price sheets).
      expect(f.endpoint).toMatch(/^(GET|POST|PUT|PATCH|DELETE|HEAD) \/v1(\.0)?\/\S*$/);
      expect(['request', 'response']).toContain(f.kind);
      expect(typeof f.headers).toBe('object');
      expect(f).toHaveProperty('body');
      expect(typeof f.jsonFixes).toBe('string');
      expect(f.jsonFixes.length).toBeGreaterThan(0);

      if (f.kind === 'response') {
        expect(typeof f.status).toBe('number');
        if (f.statusPrinted === false) expect(f.notes ?? '').not.toBe('');
      }
      // A string body is a non-JSON file printed as text (the price sheet CSV); it says so.
      if (typeof f.body === 'string') expect(f.notes ?? '').toMatch(/Not JSON/);
      if (f.body === null) {
        // Only requests without a body and empty responses (202 Accepted with Location, Content-Length 0).
        const emptyResponse =
          f.kind === 'response' &&
          (f.status === 202 || f.status === 204 || f.headers['Content-Length'] === '0');
        expect(f.kind === 'request' || emptyResponse).toBe(true);
      }
    },
  );

  it('has at least one response for every endpoint it has a request for', () => {
    const missing = corpus
      .filter((f) => f.kind === 'request')
      .filter((req) => !corpus.some((r) => r.kind === 'response' && r.endpoint === req.endpoint))
      .map((f) => f.file);
    expect(missing).toEqual([]);
  });

  it('looks fixtures up by path and by endpoint template', () => {
    const nce = fixture('subscriptions/get-a-subscription-by-id.response.nce.json');
    expect(nce.kind).toBe('response');
    const all = byEndpoint('get', '/v1/customers/{c}/subscriptions/{s}');
    expect(all.map((f) => f.file)).toContain(nce.file);
    expect(
      byEndpoint('GET', '/v1/customers/{c}/subscriptions?order_id={o}', 'response').length,
    ).toBeGreaterThan(0);
    expect(
      byEndpoint('GET', '/v1/customers/{c}/subscriptions').some((f) =>
        f.endpoint.includes('order_id'),
      ),
    ).toBe(true);
    expect(() => fixture('nope.json')).toThrow();
  });
});
