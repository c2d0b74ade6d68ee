import { describe, expect, it } from 'vitest';
import { decodeJwt, expiryOf, refreshDelay } from './token';

function jwt(claims: object): string {
  const encode = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${encode({ alg: 'RS256', kid: 'muse-user' })}.${encode(claims)}.signature`;
}

describe('the access token kept in memory', () => {
  it('reads the account, roles and zone from the token', () => {
    const claims = decodeJwt(jwt({ sub: 'acc-1', name: 'Mina Park 민아', groups: ['teacher'], zone: 'Asia/Seoul', exp: 100 }));
    expect(claims).toMatchObject({ sub: 'acc-1', name: 'Mina Park 민아', groups: ['teacher'], zone: 'Asia/Seoul' });
  });

  it('refuses something that is not a token', () => {
    expect(decodeJwt('not-a-token')).toBeNull();
    expect(decodeJwt('a.%%%.c')).toBeNull();
  });

  it('takes the expiry from the answer, else from the token', () => {
    const token = jwt({ sub: 'a', exp: 2_000 });
    expect(expiryOf(token, { expiresIn: 300 }, 1_000_000)).toBe(1_300_000);
    expect(expiryOf(token, { expiresAt: '1970-01-01T00:10:00Z' }, 0)).toBe(600_000);
    expect(expiryOf(token, {}, 0)).toBe(2_000_000);
  });

  it('refreshes a minute before a long-lived token expires and early for a short one', () => {
    expect(refreshDelay(15 * 60_000, 0)).toBe(14 * 60_000);
    expect(refreshDelay(100_000, 0)).toBe(80_000);
    expect(refreshDelay(1_000, 0)).toBe(5_000);
  });
});
