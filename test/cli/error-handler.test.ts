import { describe, expect, it } from 'vitest';
import { renderError } from '../../src/cli/error-handler.js';
import { PartnerCenterError } from '../../src/partnercenter/index.js';
import { OperationalError } from '../../src/support/index.js';

function render(error: unknown): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = renderError(error, (line) => lines.push(line));
  return { code, lines };
}

describe('renderError (the one top-level handler)', () => {
  it('names the Partner Center code, status and request id, and says what to do', () => {
    const error = new PartnerCenterError(
      'network',
      0,
      'req-1',
      'GET /v1/customers failed without a response',
    );
    expect(render(error)).toEqual({
      code: 1,
      lines: [
        'error [network]: GET /v1/customers failed without a response (no response, MS-RequestId req-1)',
        '  Partner Center did not answer: check partnerCenter.endpoint in the config and the network.',
      ],
    });
    expect(render(new PartnerCenterError('400', 401, 'req-2', 'access denied')).lines[1]).toContain(
      'check partnerCenter.auth',
    );
  });

  it('prints an operational error with its cause chain, without a stack', () => {
    const cause = new Error('EACCES: permission denied');
    const error = new OperationalError('state-unreadable', 'cannot open state/qm.db', { cause });
    expect(render(error)).toEqual({
      code: 1,
      lines: [
        'error [state-unreadable]: cannot open state/qm.db',
        '  caused by: EACCES: permission denied',
      ],
    });
  });

  it('reports anything else as an internal error with its stack', () => {
    const { code, lines } = render(new TypeError('x is undefined'));
    expect(code).toBe(1);
    expect(lines[0]).toMatch(
      /^internal error \(please report it\): TypeError: x is undefined\n\s+at /,
    );
  });
});
