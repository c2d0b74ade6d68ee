import { useCallback, useEffect, useState } from 'react';

/**
 * The cameras and microphones this browser offers, again when one is plugged in or out, and again once capture
 * started (`local`): only then do browsers tell the devices' names.
 */
export function useDevices(local: MediaStream | undefined): MediaDeviceInfo[] {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const refresh = useCallback(async () => {
    try {
      setDevices(await navigator.mediaDevices.enumerateDevices());
    } catch {
      setDevices([]);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh, local]);
  useEffect(() => {
    navigator.mediaDevices?.addEventListener('devicechange', refresh);
    return () => navigator.mediaDevices?.removeEventListener('devicechange', refresh);
  }, [refresh]);
  return devices;
}
