// Short, distinct tones for the packer's ear, made with the Web Audio API (no audio files): a
// packer looking at the box, not the screen, must still hear "good", "wrong item", "too many",
// "unknown code" and "order complete" apart.
export type Tone = 'good' | 'wrong' | 'over' | 'unknown' | 'complete';

/** Notes as [frequency Hz, duration ms]; a 0 Hz note is a pause. */
const TONES: Record<Tone, { wave: OscillatorType; notes: [number, number][] }> = {
  good: { wave: 'sine', notes: [[1320, 70]] },
  wrong: {
    wave: 'square',
    notes: [
      [220, 130],
      [0, 40],
      [220, 130],
    ],
  },
  over: {
    wave: 'sawtooth',
    notes: [
      [660, 90],
      [440, 140],
    ],
  },
  unknown: {
    wave: 'triangle',
    notes: [
      [520, 90],
      [0, 30],
      [520, 90],
      [0, 30],
      [520, 90],
    ],
  },
  complete: {
    wave: 'sine',
    notes: [
      [784, 90],
      [988, 90],
      [1175, 90],
      [1568, 180],
    ],
  },
};

let context: AudioContext | undefined;

export interface SoundSettings {
  /** Settings → Scanner → "Play sounds". */
  readonly soundsOn: boolean;
  /** 0–100; 70 is the level the tones were tuned at. */
  readonly volume: number;
}

/** Peak gain at volume 100; volume 70 gives the 0.18 the tones were tuned at. */
const FULL_GAIN = 0.18 / 0.7;
let sound: SoundSettings = { soundsOn: true, volume: 70 };

/** Applies the station's sound settings to every later tone. */
export function configureSound(next: SoundSettings): void {
  sound = { soundsOn: next.soundsOn, volume: Math.min(100, Math.max(0, next.volume)) };
}

/** The gain a tone plays at now; 0 when sounds are off. */
export function toneGain(settings: SoundSettings = sound): number {
  return settings.soundsOn ? (FULL_GAIN * Math.min(100, Math.max(0, settings.volume))) / 100 : 0;
}

/**
 * Plays a tone (at the station's settings, or the ones given: Settings' "Play a test sound");
 * silent where audio is unavailable (no device, autoplay policy) or turned off.
 */
export function playTone(tone: Tone, settings: SoundSettings = sound): void {
  const peak = toneGain(settings);
  if (peak === 0) return;
  try {
    context ??= new AudioContext();
    const ctx = context;
    if (ctx.state === 'suspended') void ctx.resume();
    const { wave, notes } = TONES[tone];
    let at = ctx.currentTime + 0.01;
    for (const [frequency, ms] of notes) {
      const seconds = ms / 1000;
      if (frequency > 0) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = wave;
        osc.frequency.value = frequency;
        // Short attack and release so notes click neither on nor off.
        gain.gain.setValueAtTime(0, at);
        gain.gain.linearRampToValueAtTime(peak, at + 0.005);
        gain.gain.setValueAtTime(peak, at + seconds - 0.01);
        gain.gain.linearRampToValueAtTime(0, at + seconds);
        osc.connect(gain).connect(ctx.destination);
        osc.start(at);
        osc.stop(at + seconds);
      }
      at += seconds;
    }
  } catch {
    // No audio here (no sound device, a kiosk with audio off): the screen still says it in words.
  }
}
