#!/usr/bin/env python3
"""The top frames of a JFR recording's execution samples, in the request threads only.

    python3 bench/jfr-top.py bench/results/bare/rocksdb-get.jfr [--top 25] [--match REGEX]

Prints, over the jdk.ExecutionSample events of Tomcat's request threads (http-nio-*-exec-*):
  self       the methods at the top of the stack (where the CPU was), % of samples
  inclusive  the methods anywhere on the stack (what the CPU was spent under), % of samples,
             filtered by --match (default: frames of Spring, Micrometer, Hibernate Validator,
             Jackson, Tomcat and the service), one count per sample however deep the recursion
Needs the JDK's jfr tool on the PATH.
"""
import argparse
import collections
import json
import re
import subprocess
import sys

DEFAULT_MATCH = (r"^(org\.springframework|io\.micrometer|org\.hibernate|tools\.jackson|"
                 r"org\.apache\.(catalina|coyote|tomcat)|dev\.wasmmemory|org\.rocksdb)")


def frames(event):
    for frame in event["values"]["stackTrace"]["frames"]:
        method = frame["method"]
        yield method["type"]["name"].replace("/", ".") + "." + method["name"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("recording")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--match", default=DEFAULT_MATCH)
    args = parser.parse_args()
    out = subprocess.run(
        ["jfr", "print", "--json", "--stack-depth", "256", "--events", "jdk.ExecutionSample",
         args.recording], check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    request = [e for e in events
               if re.match(r"http-nio-.*-exec-", e["values"]["sampledThread"]["javaName"] or "")]
    if not request:
        sys.exit("no samples of request threads in " + args.recording)
    selfs = collections.Counter()
    inclusive = collections.Counter()
    match = re.compile(args.match)
    for event in request:
        stack = list(frames(event))
        if stack:
            selfs[stack[0]] += 1
        for name in set(stack):
            if match.search(name):
                inclusive[name] += 1
    n = len(request)
    print(f"{args.recording}: {n} samples of request threads (of {len(events)})")
    print(f"\nself (top {args.top}):")
    for name, count in selfs.most_common(args.top):
        print(f"  {100 * count / n:5.1f}%  {name}")
    print(f"\ninclusive, matching {args.match} (top {args.top}):")
    for name, count in inclusive.most_common(args.top):
        print(f"  {100 * count / n:5.1f}%  {name}")


if __name__ == "__main__":
    main()
