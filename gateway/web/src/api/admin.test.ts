import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DecodeError, decodeAccountPage, decodeAuditPage, decodeInvitationPage, decodeSignUpPolicy, decodeStorageUsage,
  formatBytes, storageUsage,
} from './admin';

/** The shape recordings' `GET /usage/owners` answers (issue 20), as the gateway forwards it. */
const usageSample = {
  owners: [
    {
      ownerId: 'acc-mina', quotaBytes: 107374182400, usedBytes: 88046829568, originalsBytes: 10737418240,
      replaysBytes: 75161927680, previewsBytes: 2147483648, percent: 82, level: 'warning',
    },
    {
      ownerId: 'acc-jonas', quotaBytes: 107374182400, usedBytes: 1073741824, originalsBytes: 0,
      replaysBytes: 1073741824, previewsBytes: 0, percent: 1, level: 'ok',
    },
  ],
  totalBytes: 89120571392,
  media: { kind: 'filesystem', freeBytes: 412316860416, totalBytes: 1000204886016, location: '/data/media' },
};

describe('storage usage', () => {
  it('decodes the owners, the total and the media volume', () => {
    const usage = decodeStorageUsage(usageSample);
    expect(usage.owners.map((o) => [o.ownerId, o.percent, o.level])).toEqual([['acc-mina', 82, 'warning'], ['acc-jonas', 1, 'ok']]);
    expect(usage.owners[0].replaysBytes).toBe(75161927680);
    expect(usage.totalBytes).toBe(89120571392);
    expect(usage.media).toEqual({ kind: 'filesystem', freeBytes: 412316860416, totalBytes: 1000204886016, location: '/data/media' });
  });

  it('accepts a bucket whose free space nobody can know', () => {
    const usage = decodeStorageUsage({ ...usageSample, media: { kind: 's3', freeBytes: null, totalBytes: null, location: 's3://muse-media' } });
    expect(usage.media.freeBytes).toBeNull();
    expect(usage.media.totalBytes).toBeNull();
  });

  it('refuses another shape and names the field', () => {
    const renamed = { ...usageSample, owners: [{ ...usageSample.owners[0], usedBytes: '88 GB' }] };
    expect(() => decodeStorageUsage(renamed)).toThrow(DecodeError);
    expect(() => decodeStorageUsage(renamed)).toThrow('owners[0].usedBytes');
    expect(() => decodeStorageUsage({ owners: [], totalBytes: 0 })).toThrow('media');
    expect(() => decodeStorageUsage([])).toThrow(DecodeError);
  });

  afterEach(() => vi.unstubAllGlobals());

  it('says the figures are unavailable when recordings answers 404, and asks the recordings prefix', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      asked.push(url);
      return new Response(JSON.stringify({ status: 404, type: 'about:blank', title: 'Not found' }),
        { status: 404, headers: { 'Content-Type': 'application/problem+json' } });
    }));
    await expect(storageUsage()).resolves.toEqual({ unavailable: true });
    expect(asked).toEqual(['/api/recordings/usage/owners']);
  });

  it('passes the figures on when recordings answers, and other failures as errors', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(usageSample), { status: 200 })));
    const answer = await storageUsage();
    expect(answer.unavailable).toBe(false);
    vi.stubGlobal('fetch', vi.fn(async () => new Response('', { status: 503 })));
    await expect(storageUsage()).rejects.toMatchObject({ status: 503 });
  });

  it('writes bytes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(107374182400)).toBe('100 GiB');
  });
});

describe('admin answers', () => {
  const account = {
    id: 'acc-sara', email: 'sara@muse.test', displayName: 'Sara Haddad', role: 'student', zone: 'Asia/Dubai',
    createdAt: '2026-12-01T10:00:00Z', disabled: true, disabledAt: '2026-12-03T10:00:00Z', emailVerified: false,
  };

  it('decodes a page of accounts', () => {
    const page = decodeAccountPage({ items: [account], page: 0, size: 20, total: 1 });
    expect(page.items[0]).toMatchObject({ id: 'acc-sara', role: 'student', disabled: true, emailVerified: false });
    expect(page.total).toBe(1);
  });

  it('refuses an unknown role or a missing disabled flag', () => {
    expect(() => decodeAccountPage({ items: [{ ...account, role: 'root' }], page: 0, size: 20, total: 1 })).toThrow('items[0].role');
    const withoutFlag: Partial<typeof account> = { ...account };
    delete withoutFlag.disabled;
    expect(() => decodeAccountPage({ items: [withoutFlag], page: 0, size: 20, total: 1 })).toThrow('items[0].disabled');
    expect(() => decodeAccountPage({ items: [{ ...account, emailVerified: 'no' }], page: 0, size: 20, total: 1 }))
      .toThrow('items[0].emailVerified');
  });

  it('decodes invitations with their state', () => {
    const page = decodeInvitationPage({
      items: [{
        id: 'h1', invitedBy: 'acc-mina', invitedByName: 'Mina Park', role: 'student', studentId: null, state: 'revoked',
        createdAt: '2026-12-01T10:00:00Z', expiresAt: '2026-12-08T10:00:00Z', usedAt: null, usedBy: null,
        revokedAt: '2026-12-02T10:00:00Z',
      }],
      page: 0, size: 20, total: 1,
    });
    expect(page.items[0]).toMatchObject({ state: 'revoked', invitedByName: 'Mina Park' });
    expect(() => decodeInvitationPage({ items: [{ ...page.items[0], state: 'lost' }], page: 0, size: 20, total: 1 }))
      .toThrow('items[0].state');
  });

  it('decodes the sign-up policy and the audit log', () => {
    expect(decodeSignUpPolicy({ teacherSignUp: 'admin-invitation', configuredDefault: false, defaultPolicy: 'open', updatedAt: null }))
      .toMatchObject({ teacherSignUp: 'admin-invitation', configuredDefault: false });
    expect(decodeSignUpPolicy({ teacherSignUp: 'verified-email', configuredDefault: true, defaultPolicy: 'open', updatedAt: null }))
      .toMatchObject({ teacherSignUp: 'verified-email' });
    expect(() => decodeSignUpPolicy({ teacherSignUp: 'whoever', configuredDefault: true, defaultPolicy: 'open' })).toThrow('teacherSignUp');
    const audit = decodeAuditPage({
      items: [{
        id: 'a1', at: '2026-12-03T10:00:00Z', actorId: 'acc-admin', actorEmail: 'admin@muse.test', action: 'account.disable',
        targetType: 'account', targetId: 'acc-sara', targetLabel: 'sara@muse.test', outcome: 'succeeded', detail: 'disabled',
      }],
      page: 0, size: 25, total: 1,
    });
    expect(audit.items[0]).toMatchObject({ action: 'account.disable', outcome: 'succeeded', targetLabel: 'sara@muse.test' });
  });
});
