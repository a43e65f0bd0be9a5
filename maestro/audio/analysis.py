"""What a listener would check, measured from the samples: tempo, key, seams, clipping.

The sonata stage runs these on everything it renders and records the figures in its manifest,
and the tests hold the music to them: the tempo heard is the spec's, the notes fit its key and
mode, a loop's seam is as smooth as the rest of it, and nothing clips.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Samples = npt.NDArray[np.float64]
HOP = 64


def onset_envelope(samples: Samples, rate: int) -> Samples:
    """Low-band spectral flux: how much new energy below 200 Hz each hop brings (the kick drum's pulse)."""
    frame = 1024
    if len(samples) < frame:
        return np.zeros(1)
    starts = np.arange(0, len(samples) - frame, HOP)
    window = np.hanning(frame)
    frames = np.stack([samples[s:s + frame] * window for s in starts])
    magnitude = np.abs(np.fft.rfft(frames, axis=1))[:, : int(200 * frame / rate) + 1]
    flux: Samples = np.maximum(0.0, np.diff(magnitude, axis=0)).sum(axis=1)
    centred: Samples = flux - flux.mean()
    return centred


def tempo(samples: Samples, rate: int, low: float = 40.0, high: float = 240.0) -> float:
    """Beats per minute: the shortest lag at which the onsets repeat nearly as well as at any lag.

    Loud onsets (kick, snare) dominate the linear spectral flux; quieter subdivisions (hats)
    repeat at half the beat but less strongly, and whole bars repeat as well as beats, so the
    shortest strong lag is the beat.
    """
    envelope = onset_envelope(samples, rate)
    n = len(envelope)
    spectrum = np.fft.rfft(envelope, 2 * n)
    acf = np.fft.irfft(spectrum * np.conj(spectrum))[:n]
    acf /= acf[0] if acf[0] else 1.0
    hops_per_second = rate / HOP
    shortest = int(hops_per_second * 60 / high)
    longest = min(int(hops_per_second * 60 / low) + 1, n // 4)
    lags = np.arange(max(1, shortest), longest)
    values = acf[lags]
    is_peak = (values >= np.roll(values, 1)) & (values >= np.roll(values, -1))
    strong = lags[is_peak & (values >= 0.7 * values.max())]
    best = int(strong[0]) if len(strong) else int(lags[int(np.argmax(values))])
    refined = _refine(acf, 4 * best) / 4 if 4 * best + 1 < n else _refine(acf, best)
    return 60.0 * hops_per_second / refined


def _refine(acf: Samples, lag: int) -> float:
    """The peak near ``lag``, to a fraction of a hop (parabola through the three highest points)."""
    window = max(2, lag // 50)
    lo, hi = max(1, lag - window), min(len(acf) - 2, lag + window)
    peak = lo + int(np.argmax(acf[lo:hi + 1]))
    a, b, c = acf[peak - 1], acf[peak], acf[peak + 1]
    denominator = a - 2 * b + c
    return peak + (0.5 * (a - c) / denominator if denominator else 0.0)


def chroma(samples: Samples, rate: int) -> Samples:
    """Share of tonal magnitude in each of the 12 pitch classes (C = 0), as a listener hears notes.

    Magnitudes are averaged over 186 ms frames, so drums (broadband in each frame) flatten into
    a floor while held notes stand out as peaks; only peaks well above that floor count. Only
    55 Hz to 1.1 kHz, where the notes' fundamentals are: the upper harmonics of square and saw
    waves (the 7th, 11th, 13th …) fall between or outside the key's notes and are heard as timbre.
    """
    frame = 4096
    if len(samples) < frame:
        samples = np.pad(samples, (0, frame - len(samples)))
    starts = range(0, len(samples) - frame + 1, frame // 2)
    window = np.hanning(frame)
    spectrum = np.mean([np.abs(np.fft.rfft(samples[s:s + frame] * window)) for s in starts], axis=0)
    hz = np.fft.rfftfreq(frame, 1 / rate)
    padded = np.pad(spectrum, 7, mode="edge")
    floor = np.median(np.lib.stride_tricks.sliding_window_view(padded, 15), axis=1)
    tonal = (spectrum >= np.roll(spectrum, 1)) & (spectrum >= np.roll(spectrum, -1)) & (spectrum > 3 * floor)
    band = (hz >= 55) & (hz <= 1100) & tonal
    classes = np.round(12 * np.log2(hz[band] / 440.0) + 69).astype(int) % 12
    energy: Samples = np.bincount(classes, weights=spectrum[band], minlength=12).astype(np.float64)
    total = float(energy.sum())
    shares: Samples = energy / total if total else energy
    return shares


@dataclass(frozen=True)
class KeyFit:
    inside: float
    """Share of tonal energy on the key's seven pitch classes."""
    mode_right: bool
    """The declared mode's third, sixth and seventh outweigh the parallel mode's."""
    tonic_rank: int
    """0 when the tonic is the strongest pitch class, 1 when second, and so on."""
    tonic_over_relative: bool
    """The tonic outweighs the tonic of the relative key (same notes, other mode)."""

    heard: tuple[int, str]
    """The key the Krumhansl-Schmuckler profiles hear best, of all 24."""

    @property
    def fits(self) -> bool:
        """Notes inside the key, and the key heard as the declared one: by the Krumhansl-Schmuckler
        profiles, or by the mode's own degrees together with a tonic that outweighs the relative's."""
        return self.inside >= 0.85 and (self.heard_right or (self.mode_right and self.tonic_over_relative))

    heard_right: bool = False


def key_fit(samples: Samples, rate: int, tonic: int, mode: str) -> KeyFit:
    """How well what sounds fits a key: notes inside it, its mode's colour, its tonic's weight."""
    shares = chroma(samples, rate)
    scale = (0, 2, 4, 5, 7, 9, 11) if mode == "major" else (0, 2, 3, 5, 7, 8, 10)
    inside = float(sum(shares[(tonic + step) % 12] for step in scale))
    major = sum(shares[(tonic + step) % 12] for step in (4, 9, 11))
    minor = sum(shares[(tonic + step) % 12] for step in (3, 8, 10))
    rank = int(np.argsort(-shares).tolist().index(tonic % 12))
    relative = (tonic + (9 if mode == "major" else 3)) % 12
    heard = heard_key(shares)
    return KeyFit(inside, bool(major > minor if mode == "major" else minor > major), rank,
                  bool(shares[tonic % 12] > shares[relative]), heard, heard == (tonic % 12, mode))


#: Krumhansl and Kessler's probe-tone profiles: how well each pitch class fits a major or minor key.
PROFILES = {
    "major": np.array([6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88]),
    "minor": np.array([6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17]),
}


def heard_key(shares: Samples) -> tuple[int, str]:
    """The key whose profile correlates best with the pitch-class shares."""
    best: tuple[float, int, str] = (-2.0, 0, "major")
    for mode, profile in PROFILES.items():
        for tonic in range(12):
            r = float(np.corrcoef(shares, np.roll(profile, tonic))[0, 1])
            best = max(best, (r, tonic, mode))
    return best[1], best[2]


def seam_jump(samples: Samples) -> float:
    """How a loop's seam (last sample to first) compares with its ordinary sample-to-sample steps.

    1.0 means the seam is as smooth as the 99th percentile of steps inside; a click is far above.
    """
    steps = np.abs(np.diff(samples))
    typical = float(np.percentile(steps, 99)) or 1e-9
    return float(abs(samples[0] - samples[-1])) / typical


def peak(samples: Samples) -> float:
    return float(np.abs(samples).max(initial=0.0))


def rms(samples: Samples) -> float:
    return float(np.sqrt(np.mean(samples**2))) if len(samples) else 0.0


def sounding(samples: Samples, floor: float = 1e-3) -> Samples:
    """From the first to the last sample above ``floor`` (-60 dBFS): silent lead-in and padding left out,
    so a short effect's loudness is what is heard, whatever a file or a decoder puts around it."""
    loud = np.flatnonzero(np.abs(samples) > floor)
    return samples[loud[0]:loud[-1] + 1] if len(loud) else samples
