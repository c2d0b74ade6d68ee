import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteAsset, forgetWatchableAssets, saveRetention, watchableAssetIds } from './retention';

/** A fetch that answers every call with {@code answer} and records method and URL. */
function fakeFetch(answer: () => Response) {
  const calls: string[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit = {}) => {
    calls.push(`${init.method ?? 'GET'} ${url}${init.body ? ' ' + String(init.body) : ''}`);
    return answer();
  }));
  return calls;
}

const assets = () => new Response(JSON.stringify([{ id: 'replay-1', title: 'Violin', kind: 'lesson', status: 'ready' }]),
  { status: 200, headers: { 'Content-Type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
  forgetWatchableAssets();
});

describe('deleting replays and setting retention', () => {
  it('deletes an asset with DELETE on its own URL', async () => {
    const calls = fakeFetch(() => new Response(null, { status: 204 }));
    await deleteAsset('a b');
    expect(calls).toEqual(['DELETE /api/vod/assets/a%20b']);
  });

  it('sends a policy with null months for ever', async () => {
    const policy = { keepOriginals: true, replaysMonths: 12, previewsMonths: null };
    const calls = fakeFetch(() => new Response(JSON.stringify(policy), { status: 200 }));
    expect(await saveRetention(policy)).toEqual(policy);
    expect(calls).toEqual([`PUT /api/vod/retention ${JSON.stringify(policy)}`]);
  });

  it('asks vod once for a whole history of lessons, and again after a deletion', async () => {
    const calls = fakeFetch(assets);
    expect(await watchableAssetIds()).toEqual(new Set(['replay-1']));
    await watchableAssetIds();
    expect(calls).toHaveLength(1);
    forgetWatchableAssets();
    await watchableAssetIds();
    expect(calls).toHaveLength(2);
  });
});
