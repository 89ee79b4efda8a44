#!/usr/bin/python3
"""Writes base.npy and queries.npy (float32, unit rows) for `pharmarag-bench vectors --base --queries`
and for hnswlib_bench.py: clustered points in a 32-dimensional latent space, projected to DIM
dimensions with a little isotropic noise, as sentence embeddings are (low intrinsic dimension).

usage: /usr/bin/python3 make_vectors.py OUT_DIR [COUNT=100000] [QUERIES=1000] [DIM=384]"""
import sys
import numpy as np

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
queries = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
dim = int(sys.argv[4]) if len(sys.argv) > 4 else 384
latent = 32
rng = np.random.default_rng(13)
centres = rng.normal(size=(max(1, count // 50), latent))
projection = rng.normal(size=(latent, dim)) / np.sqrt(latent)


def sample(n):
    points = centres[rng.integers(0, len(centres), n)] + 0.6 * rng.normal(size=(n, latent))
    vectors = points @ projection + 0.05 * rng.normal(size=(n, dim))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors.astype('<f4')


np.save(f"{out}/base.npy", sample(count))
np.save(f"{out}/queries.npy", sample(queries))
