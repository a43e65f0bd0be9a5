"""16-bit PCM mono WAV bytes, the format every browser's WebAudio decodes."""

import io
import wave

import numpy as np
import numpy.typing as npt

from maestro.audio.synth import SAMPLE_RATE


def wav_bytes(samples: npt.NDArray[np.floating], sample_rate: int = SAMPLE_RATE) -> bytes:
    pcm = np.round(np.clip(samples, -1.0, 1.0) * 32767).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        out.writeframes(pcm.tobytes())
    return buffer.getvalue()


def read_wav(data: bytes) -> tuple[npt.NDArray[np.float64], int]:
    """Samples in [-1, 1] and the sample rate: for tests and checks of stored files."""
    with wave.open(io.BytesIO(data), "rb") as source:
        rate = source.getframerate()
        pcm = np.frombuffer(source.readframes(source.getnframes()), dtype="<i2")
    return pcm.astype(np.float64) / 32767, rate
