#!/usr/bin/env bash
# Installs the Python packages the tests use as reference peers and as the real server, from PyPI:
#   scipy, sacrebleu           reference Jensen-Shannon distance and chrF++ (cross-checks in the tests)
#   llama-cpp-python[server]   a current llama.cpp with its OpenAI-compatible server (RealServerTest)
# llama-cpp-python is built from source (several minutes on 2 cores). It is built for a portable x86-64 AVX2
# target: a -march=native build here enables AMX kernels that crash with SIGSEGV in ggml_backend_amx_mul_mat on
# this machine's processors, and a CI machine may have another processor than the one that built it.
# Idempotent: nothing is reinstalled when the installed packages import and a one-token decode works.
set -euo pipefail
LLAMA_CPP_PYTHON_VERSION="${LLAMA_CPP_PYTHON_VERSION:-0.3.36}"
PY="${PYTHON:-python3}"

if ! "$PY" -c 'import scipy, sacrebleu' 2>/dev/null; then
  echo "install-test-python: pip install scipy sacrebleu" >&2
  "$PY" -m pip install -q scipy sacrebleu >&2
fi

smoke() {
  LLAMA_CPP_PYTHON_VERSION="$LLAMA_CPP_PYTHON_VERSION" "$PY" - <<'PYEOF' 2>/dev/null
import importlib.util, os, sys
import llama_cpp
if llama_cpp.__version__ != os.environ["LLAMA_CPP_PYTHON_VERSION"]:
    sys.exit(1)
for m in ("uvicorn", "fastapi", "sse_starlette", "starlette_context", "pydantic_settings"):
    if importlib.util.find_spec(m) is None:
        sys.exit(1)
info = llama_cpp.llama_cpp.llama_print_system_info().decode()
sys.exit(1 if "AMX_INT8 = 1" in info else 0)
PYEOF
}

if ! smoke; then
  echo "install-test-python: building llama-cpp-python[server]==$LLAMA_CPP_PYTHON_VERSION from source (portable AVX2, no AMX)" >&2
  export CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON \
-DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF -DLLAMA_BUILD_TESTS=OFF \
-DLLAMA_BUILD_EXAMPLES=OFF"
  # --no-cache-dir: pip's wheel cache ignores CMAKE_ARGS and would hand back a native (AMX) build
  "$PY" -m pip install -q --no-cache-dir --force-reinstall --no-deps "llama-cpp-python==$LLAMA_CPP_PYTHON_VERSION" >&2
  "$PY" -m pip install -q --no-cache-dir "llama-cpp-python[server]==$LLAMA_CPP_PYTHON_VERSION" >&2
  smoke || { echo "install-test-python: llama-cpp-python still fails its check after the build" >&2; exit 1; }
fi
echo "install-test-python: scipy, sacrebleu and llama-cpp-python $LLAMA_CPP_PYTHON_VERSION ready" >&2
