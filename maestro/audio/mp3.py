"""MP3 bytes for the page: the one compressed format every current browser decodes, Safari included.

Why MP3 and LAME (through ``lameenc``): ``decodeAudioData`` decodes MP3 in Chrome, Firefox and
Safari alike, while Vorbis and Opus still fail in some Safari versions; LAME is the reference
encoder, ``lameenc`` ships it as wheels with nothing to install, and it is deterministic (the same
samples and settings give the same bytes). At 32 kbit/s mono a second of music costs 4 KB against
the 44 KB of 16-bit WAV, which is what brings a game's page under its 1.2 MB budget.

**Seamless loops.** An MP3 starts with the encoder's priming samples and ends on a whole frame,
and decoders differ in whether they trim them (a LAME tag, gapless support), so a loop encoded
as it is would click or drift at the seam in some browser. :func:`loop_mp3` therefore encodes
the loop with a margin on each side taken from its own other end, ``[last M | loop | first M]``:
whatever delay ``d < M`` a decoder leaves in, the decoded samples are periodic from ``M`` to
``M + len(loop)``, so playing that span looped (``loop_start``/``loop_end`` in ``audio.json``,
WebAudio's ``loopStart``/``loopEnd``) joins exactly as the rendered loop does.
"""

from dataclasses import dataclass

import lameenc
import numpy as np
import numpy.typing as npt

from maestro.audio.synth import SAMPLE_RATE

#: Music: 32 kbit/s keeps 22.05 kHz (LAME would resample lower rates to 16 kHz) at 4 KB a second.
MUSIC_KBPS = 32
#: Effects are short and mostly attack: a higher rate keeps their transients, for a few KB.
EFFECT_KBPS = 48
#: LAME's quality knob (0 best, 9 fastest): 7 ("fast, ok quality") halves the encoding time of 5 at these
#: bit rates with the same frame sizes; the stage encodes a game's two minutes of audio in about 0.15 s.
QUALITY = 7
#: The margin on each side of a loop: more than any decoder's delay (LAME primes 576 + 529 samples).
MARGIN_SECONDS = 0.25


@dataclass(frozen=True)
class Encoded:
    data: bytes
    #: Where the loop starts and ends in the decoded file, in seconds (None for one-shots).
    loop_start: float | None = None
    loop_end: float | None = None


def mp3(samples: npt.NDArray[np.floating], kbps: int = EFFECT_KBPS) -> bytes:
    """Mono ``samples`` in [-1, 1] at :data:`SAMPLE_RATE` as constant-bit-rate MP3 bytes."""
    pcm = np.round(np.clip(samples, -1.0, 1.0) * 32767).astype("<i2")
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(kbps)
    encoder.set_in_sample_rate(SAMPLE_RATE)
    encoder.set_channels(1)
    encoder.set_quality(QUALITY)
    return bytes(encoder.encode(pcm.tobytes())) + bytes(encoder.flush())


def loop_mp3(samples: npt.NDArray[np.floating], kbps: int = MUSIC_KBPS) -> Encoded:
    """A loop as MP3 with wrapped margins, and the span to loop in the decoded file."""
    margin = min(len(samples), round(MARGIN_SECONDS * SAMPLE_RATE))
    wrapped = np.concatenate([samples[len(samples) - margin:], samples, samples[:margin]])
    return Encoded(mp3(wrapped, kbps), margin / SAMPLE_RATE, (margin + len(samples)) / SAMPLE_RATE)
