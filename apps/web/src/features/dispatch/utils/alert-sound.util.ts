/** A short two-tone beep made with WebAudio: no sound file to download, works offline. */
export function playAlertBeep(context: AudioContext): void {
  const start = context.currentTime;
  const gain = context.createGain();
  gain.connect(context.destination);
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.38);
  for (const [frequency, offset] of [
    [880, 0],
    [1_175, 0.16],
  ] as const) {
    const oscillator = context.createOscillator();
    oscillator.type = 'sine';
    oscillator.frequency.setValueAtTime(frequency, start + offset);
    oscillator.connect(gain);
    oscillator.start(start + offset);
    oscillator.stop(start + offset + 0.16);
  }
}

export const SOUND_MUTED_KEY = 'mekong-ioc.dispatch.sound-muted';

export function readSoundMuted(storage: Pick<Storage, 'getItem'> | null): boolean {
  try {
    return storage?.getItem(SOUND_MUTED_KEY) === '1';
  } catch {
    return false;
  }
}

export function storeSoundMuted(storage: Pick<Storage, 'setItem'> | null, muted: boolean): void {
  try {
    storage?.setItem(SOUND_MUTED_KEY, muted ? '1' : '0');
  } catch {
    // Without storage the choice lasts for this page only.
  }
}
