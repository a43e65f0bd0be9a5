"""16-bit PCM mono WAV bytes: what `maestro audio` writes beside the MP3s, to listen to or edit."""

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

