import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { RETRY_DELAYS_S, retryDelaySeconds } from '../../ops/webhooks/deliver.ts';
import { watchKey } from '../../ops/webhooks/keys.ts';
import { newSecret, signedHeaders } from '../../ops/webhooks/signing.ts';
import { checkTarget, isPrivateAddress, parseTargetUrl } from '../../ops/webhooks/target.ts';

describe('webhook signing', () => {
  it('signs as Standard Webhooks says: the spec authors’ library verifies it, and refuses a changed body', () => {
    const secret = newSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({ type: 'record.published', data: { name: '澜曜示例电器有限公司' } });
    const headers = signedHeaders(secret, 'evt_0123456789abcdef0123456789abcdef', body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace('澜曜', '青屿'), headers)).toThrow();
    expect(() => new Webhook(newSecret()).verify(body, headers)).toThrow();
  });
});

describe('webhook targets', () => {
  it('tells private, loopback, link-local, unique-local, multicast and unspecified addresses from public ones', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1', '224.0.0.1', '255.255.255.255', '::1', '::', 'fc00::1', 'fd12::1', 'fe80::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1']) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) expect(isPrivateAddress(address), address).toBe(false);
  });

  it('refuses plain http, credentials and private hosts unless the operator allows them', async () => {
    const closed = { allowPrivate: false };
    expect(() => parseTargetUrl('http://93.184.215.14/hook', closed)).toThrow(/https/);
    expect(() => parseTargetUrl('https://user:pw@93.184.215.14/hook', closed)).toThrow(/user name/);
    expect(() => parseTargetUrl('ftp://93.184.215.14/', closed)).toThrow();
    for (const url of ['https://127.0.0.1/hook', 'https://[::1]/hook', 'https://10.0.0.8/hook', 'https://localhost/hook', 'https://[::ffff:7f00:1]/hook']) {
      await expect(checkTarget(parseTargetUrl(url, closed), closed), url).rejects.toThrow(/non-public address|private/);
    }
    await expect(checkTarget(parseTargetUrl('https://93.184.215.14/hook', closed), closed)).resolves.toEqual([{ address: '93.184.215.14', family: 4 }]);
    const open = { allowPrivate: true };
    await expect(checkTarget(parseTargetUrl('http://127.0.0.1:9/hook', open), open)).resolves.toHaveLength(1);
  });
});

describe('webhook retries and keys', () => {
  it('waits longer after each failure, the last delay repeated', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(retryDelaySeconds)).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000, 36000]);
    // Within 24 hours there are at least 7 attempts.
    let at = 0;
    let attempts = 1;
    while ((at += retryDelaySeconds(attempts)) <= 24 * 3600) attempts++;
    expect(attempts).toBeGreaterThanOrEqual(7);
    expect(RETRY_DELAYS_S[0]).toBe(5);
  });

  it('matches USCCs in their canonical form and names and brands folded', () => {
    expect(watchKey('uscc', '91350100ma0wh0001 x')).toBeUndefined();
    expect(watchKey('name', ' 澜曜示例（福建）电器有限公司 ')).toBe('澜曜示例(福建)电器有限公司');
    expect(watchKey('brand', 'ＭＡＰＡＴＯＮ')).toBe('mapaton');
    expect(watchKey('name', '   ')).toBeUndefined();
  });
});
