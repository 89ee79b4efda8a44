#!/usr/bin/python3
"""Debian's python3-hnswlib on the same .npy files as `pharmarag-bench vectors`: build time on every
core, recall@k against exact search (numpy), p50/p99 latency and queries/s on one and all threads.

usage: /usr/bin/python3 hnswlib_bench.py BASE.npy QUERIES.npy [K=10] [EF...=16 32 64 128 256]"""
import os
import sys
import time
import hnswlib
import numpy as np

base, queries = np.load(sys.argv[1]), np.load(sys.argv[2])
k = int(sys.argv[3]) if len(sys.argv) > 3 else 10
efs = [int(e) for e in sys.argv[4:]] or [16, 32, 64, 128, 256]
base = base / np.linalg.norm(base, axis=1, keepdims=True)
queries = queries / np.linalg.norm(queries, axis=1, keepdims=True)
n, d = base.shape
threads = os.cpu_count()

index = hnswlib.Index(space='cosine', dim=d)
index.init_index(max_elements=n, M=16, ef_construction=200, random_seed=100)
started = time.perf_counter()
index.add_items(base, np.arange(n), num_threads=threads)
build = time.perf_counter() - started
exact = np.argsort(-(queries @ base.T), axis=1)[:, :k]

print(f"## hnswlib {hnswlib.__version__ if hasattr(hnswlib, '__version__') else ''}: {n} x {d}, {len(queries)} queries, k={k}, M=16, ef_construction=200")
print(f"build on {threads} threads {build:.1f} s ({n / build:.0f} vectors/s)")
print()
print(f"| ef | recall@{k} | p50 ms | p99 ms | queries/s, 1 thread | queries/s, {threads} threads |")
print("|---:|---:|---:|---:|---:|---:|")
for ef in efs:
    index.set_ef(ef)
    latencies, hits = [], 0
    started = time.perf_counter()
    for i, q in enumerate(queries):
        t = time.perf_counter()
        labels, _ = index.knn_query(q, k=k, num_threads=1)
        latencies.append((time.perf_counter() - t) * 1000)
        hits += len(set(labels[0]) & set(exact[i]))
    single = len(queries) / (time.perf_counter() - started)
    started = time.perf_counter()
    index.knn_query(queries, k=k, num_threads=threads)
    batch = len(queries) / (time.perf_counter() - started)
    print(f"| {ef} | {hits / (len(queries) * k):.3f} | {np.percentile(latencies, 50):.2f} | {np.percentile(latencies, 99):.2f} | {single:.0f} | {batch:.0f} |")
