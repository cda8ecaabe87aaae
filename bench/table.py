#!/usr/bin/env python3
"""Turns JMH JSON results (-rf json) into the Markdown tables of bench/README.md.

Usage: python3 bench/table.py [--wall] bench/results/run*.json

The numbers are cpu.time.norm (ThreadCpuProfiler: CPU time of the benchmark thread per operation),
which leaves out the time the thread waited for a core on a shared machine; --wall shows JMH's
wall-clock score instead. Each file is one run (one fork per benchmark). A cell is the median of
all measurement iterations of all runs; a ratio is the ratio of those medians, followed by the
lowest and highest ratio of any single run, so fork-to-fork spread stays visible.

Rows are benchmark methods named <operation><Subject>, Subject one of Engine, ByteArray, Chicory;
LockShareBenchmark's rows have no subject and are listed on their own.
"""
import json
import re
import statistics
import sys

SUBJECTS = ("Engine", "ByteArray", "Chicory")
ORDER = ["i32Read", "i32Write", "i64Read", "i64Write", "get", "getInto", "set", "copy", "fill"]
SIZES = {"4096": "4 KiB", "1048576": "1 MiB"}
# The targets: bulk rows within 1.2x of byte[] and at or ahead of Chicory; typed within 3x.
BULK_TO_BYTES, TYPED_TO_BYTES, BULK_TO_CHICORY = 1.2, 3.0, 1.0
METRIC = "cpu.time.norm"


class Row:
    def __init__(self):
        self.runs = {}
        self.alloc = []

    def add(self, run, result):
        metric = result.get("secondaryMetrics", {}).get(METRIC, result["primaryMetric"])
        for fork in metric["rawData"]:
            self.runs.setdefault(run, []).extend(fork)
        norm = result.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        if norm is not None:
            self.alloc.append(norm["score"])

    @property
    def median(self):
        return statistics.median(x for run in self.runs.values() for x in run)

    def run_median(self, run):
        return statistics.median(self.runs[run])


def number(x):
    return f"{x:,.0f}" if x >= 1000 else f"{x:.2f}"


def cell(row):
    return "—" if row is None else number(row.median)


def ratio(a, b):
    """(ratio of medians, lowest single-run ratio, highest single-run ratio), or None."""
    if a is None or b is None:
        return None
    per_run = [a.run_median(r) / b.run_median(r) for r in a.runs if r in b.runs]
    return a.median / b.median, min(per_run), max(per_run)


def show(r):
    if r is None:
        return "—"
    return f"{r[0]:.2f}x ({r[1]:.2f}–{r[2]:.2f})" if r[1] != r[2] else f"{r[0]:.2f}x"


def alloc(row):
    return "—" if row is None or not row.alloc else f"{statistics.median(row.alloc):,.0f}"


def verdict(op, to_bytes, to_chicory):
    typed = op.startswith("i")
    goals = [(to_bytes, TYPED_TO_BYTES if typed else BULK_TO_BYTES, "byte[]")]
    if not typed:
        goals.append((to_chicory, BULK_TO_CHICORY, "Chicory"))
    parts = []
    for value, limit, name in goals:
        if value is None:
            continue
        word = "met" if value[0] <= limit else "missed"
        if value[1] <= limit < value[2]:
            word += "?"  # the runs disagree
        parts.append(f"{word} (≤{limit:g}x {name})")
    return ", ".join(parts)


def size_of(op, params):
    if "size" in params:
        return SIZES.get(params["size"], params["size"] + " B")
    return "1 MiB" if op in ("copy", "fill") else ""


def main(paths):
    global METRIC
    if paths and paths[0] == "--wall":
        METRIC, paths = "wall-clock", paths[1:]
    rows, model = {}, {}
    for run, path in enumerate(paths):
        for r in json.load(open(path)):
            method = r["benchmark"].rsplit(".", 1)[1]
            m = re.fullmatch(r"(.*?)(" + "|".join(SUBJECTS) + ")", method)
            if m is None:
                model.setdefault(method, Row()).add(run, r)
                continue
            op, subject = m.groups()
            key = (op, size_of(op, r.get("params", {})))
            rows.setdefault(key, {}).setdefault(subject, Row()).add(run, r)

    print("| row | engine ns/op | byte[] ns/op | Chicory ns/op | engine/byte[] | engine/Chicory"
          " | engine B/op | targets |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    order = lambda k: (ORDER.index(k[0]) if k[0] in ORDER else 99, k[1] != "4 KiB", k[1])
    for op, size in sorted(rows, key=order):
        e, b, c = (rows[(op, size)].get(x) for x in SUBJECTS)
        to_b, to_c = ratio(e, b), ratio(e, c)
        print(f"| {op} {size}".rstrip() + f" | {cell(e)} | {cell(b)} | {cell(c)} | {show(to_b)}"
              f" | {show(to_c)} | {alloc(e)} | {verdict(op, to_b, to_c)} |")
    if model:
        print()
        print("| lock model: byte[] i32 + the engine's synchronisation | ns/op |")
        print("|---|---:|")
        for method, row in model.items():
            print(f"| {method} | {cell(row)} |")
    print(f"\n{METRIC}, median of all measurement iterations of {len(paths)} run(s)")


if __name__ == "__main__":
    main(sys.argv[1:])
