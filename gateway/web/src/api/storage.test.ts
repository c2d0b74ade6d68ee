import { describe, expect, it } from 'vitest';
import { decodeStorageReport, decodeStorageUsage, formatStorage, levelOf } from './storage';

const GIB = 1024 ** 3;

describe('decoding a user\'s storage usage', () => {
  it('keeps every figure recordings sends', () => {
    expect(decodeStorageUsage({
      quotaBytes: 100 * GIB, usedBytes: 85 * GIB, originalsBytes: 60 * GIB, replaysBytes: 20 * GIB,
      previewsBytes: 5 * GIB, percent: 85, level: 'warning',
    })).toEqual({
      quotaBytes: 100 * GIB, usedBytes: 85 * GIB, originalsBytes: 60 * GIB, replaysBytes: 20 * GIB,
      previewsBytes: 5 * GIB, percent: 85, level: 'warning',
    });
  });

  it('shows usage past the quota as it is, since lessons are recorded in full beyond it', () => {
    const usage = decodeStorageUsage({ quotaBytes: 100, usedBytes: 130, originalsBytes: 130, percent: 130, level: 'full' });
    expect(usage.percent).toBe(130);
    expect(usage.level).toBe('full');
  });

  it('derives the level from the percentage when the level is unknown or missing', () => {
    expect(decodeStorageUsage({ quotaBytes: 100, usedBytes: 96, percent: 96, level: 'alarming' }).level).toBe('critical');
    expect(decodeStorageUsage({ quotaBytes: 100, usedBytes: 80 }).level).toBe('warning');
  });

  it('computes the sum and the percentage when they are missing', () => {
    const usage = decodeStorageUsage({ quotaBytes: 1000, originalsBytes: 500, replaysBytes: 300, previewsBytes: 200 });
    expect(usage.usedBytes).toBe(1000);
    expect(usage.percent).toBe(100);
    expect(usage.level).toBe('full');
  });

  it('counts malformed or negative figures as nothing rather than showing NaN', () => {
    expect(decodeStorageUsage({ quotaBytes: 'lots', usedBytes: -5, originalsBytes: null, percent: Number.NaN }))
      .toEqual({ quotaBytes: 0, usedBytes: 0, originalsBytes: 0, replaysBytes: 0, previewsBytes: 0, percent: 0, level: 'ok' });
    expect(decodeStorageUsage(undefined).level).toBe('ok');
  });
});

describe('decoding the operator\'s storage report', () => {
  it('reads each owner, the total and the media volume', () => {
    const report = decodeStorageReport({
      owners: [{ ownerId: 't-1', quotaBytes: 100, usedBytes: 96, originalsBytes: 90, replaysBytes: 6, previewsBytes: 0, percent: 96, level: 'critical' }],
      totalBytes: 96,
      media: { kind: 'filesystem', freeBytes: 5000, totalBytes: 10000, location: '/media' },
    });
    expect(report.owners).toHaveLength(1);
    expect(report.owners[0]).toMatchObject({ ownerId: 't-1', level: 'critical', originalsBytes: 90 });
    expect(report.totalBytes).toBe(96);
    expect(report.media).toEqual({ kind: 'filesystem', freeBytes: 5000, totalBytes: 10000, location: '/media' });
  });

  it('keeps an unknowable free space of a bucket as null, not as zero (which would read as a full disk)', () => {
    const report = decodeStorageReport({ owners: [], totalBytes: 0, media: { kind: 's3', freeBytes: null, totalBytes: null, location: 'http://minio:9000/muse-media' } });
    expect(report.media.freeBytes).toBeNull();
    expect(report.media.totalBytes).toBeNull();
    expect(report.media.kind).toBe('s3');
  });

  it('sums the owners when the total is missing', () => {
    const report = decodeStorageReport({ owners: [{ ownerId: 'a', usedBytes: 10 }, { ownerId: 'b', usedBytes: 5 }] });
    expect(report.totalBytes).toBe(15);
    expect(report.media.freeBytes).toBeNull();
  });
});

describe('levels and sizes', () => {
  it('warns from 80, is critical from 95 and full from 100 percent', () => {
    expect([0, 79, 80, 94, 95, 99, 100, 150].map(levelOf))
      .toEqual(['ok', 'ok', 'warning', 'warning', 'critical', 'critical', 'full', 'full']);
  });

  it('writes sizes in powers of 1024', () => {
    expect(formatStorage(512)).toBe('512 bytes');
    expect(formatStorage(1536)).toBe('1.5 KB');
    expect(formatStorage(100 * GIB)).toBe('100 GB');
    expect(formatStorage(1.25 * GIB)).toBe('1.3 GB');
  });
});
