package dev.wasmmemory.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a WebAssembly call costs the engine: 1,000 i32 load+store pairs (a[i] += 1 over 4 KiB, round
 * and round) under one {@code exclusive} hold, against the same loop on a plain {@code byte[]}. The
 * score is per pair. The loop is what a compiled module's body does; the call's fixed cost (lock,
 * commit) is amortised over the thousand pairs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExclusiveAccessBenchmark {
  static final int PAIRS = 1000;

  @Benchmark
  @OperationsPerInvocation(PAIRS)
  public int loadStorePairsEngine(Memories m) {
    return m.engine.exclusive(
        access -> {
          long base = 3L * 65536 + 100;
          for (int i = 0; i < PAIRS; i++) {
            long at = base + ((i * 4) & 4095);
            access.storeInt(at, access.loadInt(at) + 1);
          }
          return access.loadInt(base);
        });
  }

  @Benchmark
  @OperationsPerInvocation(PAIRS)
  public int loadStorePairsChicory(Memories m) {
    var memory = m.chicory;
    int base = 3 * 65536 + 100;
    for (int i = 0; i < PAIRS; i++) {
      int at = base + ((i * 4) & 4095);
      memory.writeI32(at, memory.readInt(at) + 1);
    }
    return memory.readInt(base);
  }

  @Benchmark
  @OperationsPerInvocation(PAIRS)
  public int loadsOnlyEngine(Memories m) {
    return m.engine.exclusive(
        access -> {
          long base = 3L * 65536 + 100;
          int sum = 0;
          for (int i = 0; i < PAIRS; i++) {
            sum += access.loadInt(base + ((i * 4) & 4095));
          }
          return sum;
        });
  }

  @Benchmark
  @OperationsPerInvocation(PAIRS)
  public int storesOnlyEngine(Memories m) {
    return m.engine.exclusive(
        access -> {
          long base = 3L * 65536 + 100;
          for (int i = 0; i < PAIRS; i++) {
            access.storeInt(base + ((i * 4) & 4095), i);
          }
          return 0;
        });
  }
}
