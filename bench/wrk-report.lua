-- wrk reporter for bench/http-bench.sh: after the run, prints one machine-readable line
--   HTTPBENCH requests=… duration_us=… rps=… p50_us=… p90_us=… p99_us=… max_us=… errors=…
-- next to wrk's own --latency output. Used alone for plain GETs; the PUT scripts load it.
-- errors counts connect/read/write/timeout errors and non-2xx/3xx statuses: a row with any is invalid.

function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format(
    "HTTPBENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d errors=%d status_errors=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    errors, e.status))
end
