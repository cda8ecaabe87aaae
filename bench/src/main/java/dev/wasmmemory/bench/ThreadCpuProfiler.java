package dev.wasmmemory.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds {@code cpu.time.norm}: CPU time of the JMH worker threads per operation. On a shared
 * two-core machine the wall-clock score also counts the time the worker waited for a core; CPU time
 * leaves that out, so the ratios between subjects survive other people's builds (cache sharing with
 * them still shows). Normalised by all operations of the iteration, like JMH's {@code
 * gc.alloc.rate.norm}. Use with {@code -prof dev.wasmmemory.bench.ThreadCpuProfiler}.
 */
public class ThreadCpuProfiler implements InternalProfiler {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  /** CPU nanoseconds of every live thread when the iteration began. */
  private Map<Long, Long> before = Map.of();

  @Override
  public String getDescription() {
    return "CPU time of the benchmark threads per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    Map<Long, Long> now = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      now.put(id, threads.getThreadCpuTime(id));
    }
    before = now;
  }

  @Override
  public List<ScalarResult> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    long cpu = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains("jmh-worker")) {
        long id = info.getThreadId();
        cpu += threads.getThreadCpuTime(id) - before.getOrDefault(id, 0L);
      }
    }
    long ops = result.getMetadata().getAllOps();
    double perOp = ops == 0 ? Double.NaN : (double) cpu / ops;
    return List.of(new ScalarResult("cpu.time.norm", perOp, "ns/op", AggregationPolicy.AVG));
  }
}
