#!/usr/bin/env python3
"""Side-by-side for bench/opinions: the same conversation through
scikit-learn's PCA(2) + KMeans.

Usage: sklearn_bench.py DIR PARTICIPANTS STATEMENTS
DIR holds votes.csv (participant,statement,vote indices) and truth.csv
(planted group per participant) written by `go run ./bench/opinions`.
Prints one JSON object of timings on stdout.

It mirrors the Go pipeline: missing votes imputed with the statement mean
(as float32, so the 10k x 5k matrix is 200 MB rather than 400 MB), PCA to 2
components, projections scaled by sqrt(statements / votes), k-means with
100 base clusters, then weighted k-means on the base centres for k = 2..5
chosen by silhouette. Everyone in the synthetic data votes enough to be
included, so no inclusion filter is needed.
"""
import json
import resource
import sys
import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import adjusted_rand_score, silhouette_score


def load(directory, n_p, n_s):
    votes = np.loadtxt(f"{directory}/votes.csv", delimiter=",", skiprows=1, dtype=np.int32)
    truth = np.loadtxt(f"{directory}/truth.csv", skiprows=1, dtype=np.int32)
    return votes, truth


def impute(votes, n_p, n_s):
    p, s, v = votes[:, 0], votes[:, 1], votes[:, 2].astype(np.float32)
    sums = np.bincount(s, weights=v, minlength=n_s)
    counts = np.bincount(s, minlength=n_s)
    means = np.divide(sums, counts, out=np.zeros(n_s), where=counts > 0).astype(np.float32)
    x = np.tile(means, (n_p, 1))
    x[p, s] = v
    n_votes = np.bincount(p, minlength=n_p)
    return x, n_votes


def cluster(proj):
    base = KMeans(n_clusters=min(100, len(proj)), n_init=1, random_state=0).fit(proj)
    centres = base.cluster_centers_
    sizes = np.bincount(base.labels_, minlength=len(centres))
    best = None
    for k in range(2, 6):
        km = KMeans(n_clusters=k, n_init=1, random_state=0).fit(centres, sample_weight=sizes)
        score = silhouette_score(centres, km.labels_)
        if best is None or score > best[0]:
            best = (score, k, km.labels_)
    return best[1], best[2][base.labels_]


def main():
    directory, n_p, n_s = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    t0 = time.perf_counter()
    votes, truth = load(directory, n_p, n_s)
    t1 = time.perf_counter()
    x, n_votes = impute(votes, n_p, n_s)
    t2 = time.perf_counter()
    proj = PCA(n_components=2, random_state=0).fit_transform(x)
    proj *= np.sqrt(n_s / np.maximum(n_votes, 1))[:, None]
    t3 = time.perf_counter()
    k, labels = cluster(proj)
    t4 = time.perf_counter()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "load_seconds": t1 - t0,
        "impute_seconds": t2 - t1,
        "pca_seconds": t3 - t2,
        "kmeans_seconds": t4 - t3,
        "analysis_seconds": t4 - t1,
        "peak_rss_mb": rss_mb,
        "k": k,
        "ari": adjusted_rand_score(truth, labels),
    }))


if __name__ == "__main__":
    main()
