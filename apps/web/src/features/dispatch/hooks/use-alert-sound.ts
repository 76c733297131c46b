import { useCallback, useEffect, useRef, useState } from 'react';
import { playAlertBeep, readSoundMuted, storeSoundMuted } from '../utils/alert-sound.util';

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

/**
 * A beep for new incidents that the officer can mute (remembered on this computer). Browsers only
 * let a page play sound after a click or key press, so the audio context starts on the first one.
 */
export function useAlertSound(): { muted: boolean; toggleMuted: () => void; beep: () => void } {
  const [muted, setMuted] = useState(() => readSoundMuted(storage()));
  const context = useRef<AudioContext | null>(null);

  useEffect(() => {
    const unlock = () => {
      if (!context.current && typeof AudioContext !== 'undefined') context.current = new AudioContext();
      void context.current?.resume().catch(() => undefined);
    };
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
      void context.current?.close().catch(() => undefined);
      context.current = null;
    };
  }, []);

  const toggleMuted = useCallback(() => {
    setMuted((previous) => {
      storeSoundMuted(storage(), !previous);
      return !previous;
    });
  }, []);

  const beep = useCallback(() => {
    if (muted || context.current?.state !== 'running') return;
    playAlertBeep(context.current);
  }, [muted]);

  return { muted, toggleMuted, beep };
}
