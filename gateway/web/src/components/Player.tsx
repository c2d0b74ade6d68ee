import { useEffect, useRef, useState } from 'react';
import { errorMessage, playback } from '../api';
import { ErrorAlert, Spinner } from './ui';

const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5];

/**
 * Plays an asset: HLS with hls.js (or natively), else DASH with the DASH-IF player; both are loaded only when a
 * video is played. Seek with the controls or ±5 s, and slow down for practice.
 */
export function Player({ assetId, title }: { assetId: string; title: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [speed, setSpeed] = useState(1);
  const [engine, setEngine] = useState('');

  useEffect(() => {
    let destroy: (() => void) | undefined;
    let live = true;
    setLoading(true);
    setError(undefined);
    (async () => {
      const urls = await playback(assetId);
      const element = video.current;
      if (!live || !element) return;
      if (urls.poster) element.poster = urls.poster;
      if (urls.hls) {
        const { default: Hls } = await import('hls.js');
        if (Hls.isSupported()) {
          const hls = new Hls();
          hls.on(Hls.Events.ERROR, (_event, data) => {
            if (data.fatal) setError(new Error(`The video cannot be played (${data.details}).`));
          });
          hls.loadSource(urls.hls);
          hls.attachMedia(element);
          destroy = () => hls.destroy();
          setEngine('hls');
          return;
        }
        if (element.canPlayType('application/vnd.apple.mpegurl')) {
          element.src = urls.hls;
          setEngine('native');
          return;
        }
      }
      if (urls.dash) {
        const dashjs = await import('dashjs');
        const player = dashjs.MediaPlayer().create();
        player.initialize(element, urls.dash, false);
        destroy = () => player.destroy();
        setEngine('dash');
        return;
      }
      throw new Error('This video is not ready to play yet.');
    })()
      .catch((e) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
      destroy?.();
    };
  }, [assetId]);

  useEffect(() => {
    if (video.current) video.current.playbackRate = speed;
  }, [speed, engine]);

  const seek = (delta: number) => {
    const element = video.current;
    if (element) element.currentTime = Math.max(0, element.currentTime + delta);
  };

  return (
    <section className="card player" aria-label={`Playing ${title}`} data-testid="player" data-engine={engine}>
      <h2>{title}</h2>
      {loading && <Spinner label="Preparing the video…" />}
      {error ? <ErrorAlert error={error} testId="player-error" /> : null}
      <video ref={video} controls playsInline preload="metadata" data-testid="player-video"
        onRateChange={(e) => setSpeed(e.currentTarget.playbackRate)}
        onError={() => setError(new Error(errorMessage(video.current?.error?.message || 'The video cannot be played.')))} />
      <div className="spread" style={{ marginTop: '0.6rem' }}>
        <div className="row">
          <button type="button" className="btn secondary small" onClick={() => seek(-5)} data-testid="player-back" aria-label="Back 5 seconds">−5 s</button>
          <button type="button" className="btn secondary small" onClick={() => seek(5)} data-testid="player-forward" aria-label="Forward 5 seconds">+5 s</button>
        </div>
        <div className="row" role="group" aria-label="Playback speed">
          <span className="small muted">Speed</span>
          {SPEEDS.map((s) => (
            <button key={s} type="button" className={`btn small ${s === speed ? '' : 'secondary'}`} aria-pressed={s === speed}
              onClick={() => setSpeed(s)} data-testid={`speed-${s}`}>{s}×</button>
          ))}
        </div>
      </div>
    </section>
  );
}
