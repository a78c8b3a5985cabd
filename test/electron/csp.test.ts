import { describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES, contentSecurityPolicy } from '../../main/electron/main/csp.js';

function parse(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources] as [string, string[]];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  const policy = parse(contentSecurityPolicy());

  it.each([
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['style-src-elem', ["'self'"]],
    ['style-src-attr', ["'unsafe-inline'"]],
    ['img-src', ["'self'", 'blob:', 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
  ])('sets %s to %j', (name, sources) => {
    expect(policy.get(name)).toEqual(sources);
  });

  it('has no other directive', () => {
    expect([...policy.keys()].sort()).toEqual(Object.keys(CSP_DIRECTIVES).sort());
    expect(policy.size).toBe(12);
  });

  it('never allows eval, inline scripts or remote origins', () => {
    const text = contentSecurityPolicy();
    expect(text).not.toContain('unsafe-eval');
    expect(text).not.toContain('wasm-unsafe-eval');
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
    expect(policy.get('style-src-elem')).not.toContain("'unsafe-inline'");
    expect(text).not.toMatch(/https?:|\*/);
  });

  it('is one header value: directives separated by semicolons, no newlines', () => {
    expect(contentSecurityPolicy()).not.toContain('\n');
    expect(contentSecurityPolicy().split('; ')).toHaveLength(12);
  });
});
