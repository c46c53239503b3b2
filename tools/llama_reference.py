#!/usr/bin/env python3
"""Reference log-probabilities from llama-cpp-python (a current llama.cpp) for the real-model test cases.

Reads the cases of RealModelTest (context, continuations, whether the context is a rendered chat prompt whose
control tokens are parsed), scores every continuation with llama-cpp-python's own logits on the same GGUF file, and
writes the cases back with "reference" filled in: natural-log probability and token count of each continuation,
the continuation's tokens being those of context+continuation after the longest common token prefix with the
context (the same join rule as culturalign's in-process engine). Also records the llama_cpp version and file hash.

usage: tools/llama_reference.py MODEL.gguf CASES.json   (rewrites CASES.json in place, atomically)
"""
import hashlib
import json
import os
import sys
import tempfile

import numpy as np
from llama_cpp import Llama, __version__


def log_softmax(row):
    row = np.asarray(row, dtype=np.float64)
    m = row.max()
    return row - m - np.log(np.exp(row - m).sum())


def main(model_path, cases_path):
    with open(cases_path, encoding="utf-8") as f:
        doc = json.load(f)
    llm = Llama(model_path=model_path, n_ctx=2048, n_batch=512, logits_all=True, verbose=False, n_threads=2)
    for case in doc["cases"]:
        special = case.get("special", False)
        ctx_tokens = llm.tokenize(case["context"].encode("utf-8"), add_bos=True, special=special)
        refs = []
        after_bos = []
        for cont in case["continuations"]:
            whole = llm.tokenize((case["context"] + cont).encode("utf-8"), add_bos=True, special=special)
            k = 0
            while k < len(ctx_tokens) and k < len(whole) and ctx_tokens[k] == whole[k]:
                k += 1
            llm.reset()
            llm.eval(whole)
            scores = llm.scores[: len(whole)]
            lp = sum(float(log_softmax(scores[p - 1])[whole[p]]) for p in range(k, len(whole)))
            refs.append({"continuation": cont, "logprob": lp, "tokens": len(whole) - k})
            # what the server decodes for a request sharing only <bos> with the one before: <bos> alone, the rest
            # in one batch (the 4-bit kernels' results depend on the split; culturalign's batching=after-bos)
            llm.reset()
            llm.eval(whole[:1])
            llm.eval(whole[1:])
            scores = llm.scores[: len(whole)]
            lp = sum(float(log_softmax(scores[p - 1])[whole[p]]) for p in range(k, len(whole)))
            after_bos.append({"continuation": cont, "logprob": lp, "tokens": len(whole) - k})
        case["reference"] = refs
        case["reference_after_bos"] = after_bos
        case["context_tokens"] = len(ctx_tokens)
    h = hashlib.sha256()
    with open(model_path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    doc["reference_engine"] = "llama-cpp-python " + __version__
    doc["model_sha256"] = h.hexdigest()
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(cases_path)))
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(doc, out, ensure_ascii=False, indent=1)
        out.write("\n")
    os.replace(tmp, cases_path)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
