import { describe, expect, it } from 'vitest';
import { errorText } from '../../core/error-text.ts';

describe('errorText', () => {
  it('follows the causes a client wrapped the failure in', () => {
    const wrapped = new Error('Request to http://127.0.0.1:7700/indexes/x has failed', { cause: new Error('Index `x` not found.') });
    expect(errorText(wrapped)).toBe('Request to http://127.0.0.1:7700/indexes/x has failed: Index `x` not found.');
    expect(errorText(new Error('plain'))).toBe('plain');
    expect(errorText(new Error('outer', { cause: { code: 'not an Error' } }))).toBe('outer');
    expect(errorText('a string')).toBe('a string');
  });
});
