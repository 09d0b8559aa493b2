import { randomUUID } from 'node:crypto';
import { signRequest } from '@oneplan/protocol';
import {
  EMPLOYMENT_CASEWORKER,
  FEDERATION_LINK,
  SIGNING_KEY,
  composeSupergraph,
  startGateway,
  startSignedSubgraph,
} from './support/harness';

const SDL = `${FEDERATION_LINK}\ntype Query { name: String }`;
const NAME = 'Agnete Nørgaard';

/**
 * An answer's headers say nothing of its data: no ETag, which Express makes from a
 * hash of the body (a fingerprint of a citizen's data that anyone seeing only the
 * headers could match against guesses), and the gateway's answers are never stored.
 */
describe('the headers of an answer', () => {
  let subgraph: Awaited<ReturnType<typeof startSignedSubgraph>>;
  let gateway: Awaited<ReturnType<typeof startGateway>>;

  beforeAll(async () => {
    subgraph = await startSignedSubgraph('health', SDL, { Query: { name: () => NAME } });
    gateway = await startGateway({ supergraphSdl: composeSupergraph([{ name: 'health', url: subgraph.url, typeDefs: SDL }]) });
  });
  afterAll(async () => {
    await gateway.stop();
    await subgraph.close();
  });

  it('from the gateway carry no fingerprint of the data and forbid storing it', async () => {
    const answer = await gateway.query('{ name }');
    expect(answer.body).toEqual({ data: { name: NAME } });
    expect(answer.headers.get('etag')).toBeNull();
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('from a subgraph carry no fingerprint of the data', async () => {
    const body = JSON.stringify({ query: '{ name }' });
    const identity = { ...EMPLOYMENT_CASEWORKER, requestId: randomUUID() };
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signRequest(SIGNING_KEY, { method: 'POST', path: '/graphql', body, identity }),
      },
      body,
    });
    expect(await response.json()).toEqual({ data: { name: NAME } });
    expect(response.headers.get('etag')).toBeNull();
  });
});
