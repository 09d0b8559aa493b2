import { propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { signRequest, verifyRequest } from '../signature';
import { activeTraceparent, contextOfTraceparent, startTracing, tracingOn } from '../tracing';

const KEY = 'tracing-tests-signing-key-0123456789abcdef';
const IDENTITY = {
  sub: 'cw-1',
  name: 'Caseworker',
  role: 'caseworker' as const,
  department: 'EMPLOYMENT' as const,
  requestId: 'r-1',
};
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

function verified(identity: object) {
  const headers = signRequest(KEY, { method: 'POST', path: '/graphql', body: '{}', identity: identity as typeof IDENTITY });
  return verifyRequest(KEY, { method: 'POST', path: '/graphql', body: '{}', headers });
}

describe('tracing', () => {
  it('registers nothing and exports nothing without an OTLP endpoint', () => {
    expect(startTracing('oneplan-test', {})).toBeUndefined();
    // So the request, call and statement spans are skipped altogether.
    expect(tracingOn()).toBe(false);
    // No provider: spans are the API's no-op, with no trace context to carry.
    expect(trace.getTracer('t').startSpan('s').isRecording()).toBe(false);
    expect(activeTraceparent()).toBeUndefined();
  });

  it('carries a traceparent inside the signed identity, and refuses a malformed one', () => {
    expect(verified({ ...IDENTITY, traceparent: TRACEPARENT })).toMatchObject({
      ok: true,
      identity: { ...IDENTITY, traceparent: TRACEPARENT },
    });
    expect(verified(IDENTITY)).toMatchObject({ ok: true, identity: IDENTITY });
    for (const traceparent of ['00-xyz', `${TRACEPARENT}-extra`, 42, '']) {
      expect(verified({ ...IDENTITY, traceparent })).toEqual({ ok: false, reason: 'identity' });
    }
  });

  it('continues the trace an envelope names, once tracing has set the W3C propagator', () => {
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    const span = trace.getSpan(contextOfTraceparent(TRACEPARENT));
    expect(span?.spanContext()).toMatchObject({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' });
  });
});
