/**
 * Capture settings. Music mode turns off the browser's voice processing (echo cancellation, noise suppression,
 * automatic gain), which otherwise cuts sustained notes and pumps the volume, and captures two channels.
 */
export function audioConstraints(musicMode: boolean, deviceId?: string): MediaTrackConstraints {
  const device = deviceId ? { deviceId: { exact: deviceId } } : {};
  if (!musicMode) return { ...device, echoCancellation: true, noiseSuppression: true, autoGainControl: true };
  return {
    ...device,
    echoCancellation: false,
    noiseSuppression: false,
    autoGainControl: false,
    channelCount: { ideal: 2 },
    sampleRate: { ideal: 48000 },
  };
}

export function videoConstraints(deviceId?: string): MediaTrackConstraints {
  return {
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
    width: { ideal: 1280 },
    height: { ideal: 720 },
    frameRate: { ideal: 30 },
  };
}

/** What to capture: camera and microphone as chosen ('' = the browser's default), with music or speech settings. */
export function captureConstraints(musicMode: boolean, audioDevice: string, videoDevice: string): MediaStreamConstraints {
  return { audio: audioConstraints(musicMode, audioDevice || undefined), video: videoConstraints(videoDevice || undefined) };
}

/** What to tell someone whose camera or microphone could not start. */
export function mediaMessage(error: unknown): string {
  const name = error instanceof Error || (typeof DOMException !== 'undefined' && error instanceof DOMException) ? error.name : '';
  if (name === 'NotAllowedError') return 'The browser was not allowed to use your camera and microphone. Allow them in the address bar and reload.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No camera or microphone was found. Connect one, or pick another above.';
  if (name === 'NotReadableError') return 'Your camera or microphone is in use by another program.';
  return `Camera and microphone cannot start: ${error instanceof Error ? error.message : String(error)}`;
}

/** The recording container the browser supports: H.264 in MP4 (remuxed, not transcoded, into the replay) first. */
export const RECORDING_TYPES = [
  'video/mp4;codecs=avc1,opus',
  'video/webm;codecs=vp8,opus',
  'video/webm;codecs=vp9,opus',
  'video/webm',
];

export function recordingType(isSupported: (type: string) => boolean, audioOnly = false): string | undefined {
  const types = audioOnly ? ['audio/webm;codecs=opus', 'audio/mp4', 'audio/webm'] : RECORDING_TYPES;
  return types.find((type) => isSupported(type));
}

/** The file extension for a recording type, for the uploaded file's name. */
export function extensionOf(mimeType: string): string {
  return mimeType.includes('mp4') ? 'mp4' : 'webm';
}

/** A TURN or STUN URL named as the network check shows it. */
export function transportOf(url: string): 'TURN UDP' | 'TURN TCP' | 'TURN TLS' | 'STUN' {
  const lower = url.toLowerCase();
  if (lower.startsWith('stun')) return 'STUN';
  if (lower.startsWith('turns:')) return 'TURN TLS';
  return /transport=tcp/.test(lower) ? 'TURN TCP' : 'TURN UDP';
}
