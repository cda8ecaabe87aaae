package dev.wasmmemory.bench;

import dev.wasmmemory.memory.ValueType;
import dev.wasmmemory.service.batch.BatchOperation;
import dev.wasmmemory.service.batch.Batches;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A batch of 100 i64 stores (issue 10): as {@code POST …/batch} runs it ({@link Batches#apply}: one
 * exclusive hold, a planning pass, one version step), as 100 stores under one raw {@code exclusive}
 * hold, as 100 single typed writes (a lock each), and as 100 stores into a plain {@code byte[]}.
 * Scores are per store; the offsets are the same for every row of a {@code layout}: {@code
 * scattered} (unaligned, over all 64 pages: every store on another page than the one before, the
 * issue's measure) or {@code struct} (100 consecutive i64s, as a playground writes a struct or a
 * run of values: one page, one 4 KiB chunk).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BatchStoreBenchmark {
  static final int STORES = 100;

  /** The offsets, and the batch of stores at them. */
  @State(Scope.Thread)
  public static class Stores {
    @Param({"scattered", "struct"})
    public String layout;

    final long[] offsets = new long[STORES];
    final List<BatchOperation> batch = new ArrayList<>(STORES);

    @Setup
    public void place() {
      for (int i = 0; i < STORES; i++) {
        offsets[i] =
            layout.equals("struct")
                ? 1000 + 8L * i
                : (long) (i % Layout.PAGES) * 65536 + (i * 37L) % 4000;
        batch.add(new BatchOperation.SetValue(ValueType.I64, offsets[i], i * 0x0101010101L));
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(STORES)
  public long batchEngine(Memories m, Stores s) {
    return Batches.apply(m.engine, s.batch).version();
  }

  @Benchmark
  @OperationsPerInvocation(STORES)
  public int exclusiveEngine(Memories m, Stores s) {
    long[] offsets = s.offsets;
    return m.engine.exclusive(
        access -> {
          for (int i = 0; i < STORES; i++) {
            access.storeLong(offsets[i], i * 0x0101010101L);
          }
          return 0;
        });
  }

  @Benchmark
  @OperationsPerInvocation(STORES)
  public void singlesEngine(Memories m, Stores s) {
    long[] offsets = s.offsets;
    for (int i = 0; i < STORES; i++) {
      m.engine.setBits(ValueType.I64, offsets[i], i * 0x0101010101L);
    }
  }

  @Benchmark
  @OperationsPerInvocation(STORES)
  public void byteArray(Memories m, Stores s) {
    long[] offsets = s.offsets;
    byte[] bytes = m.bytes;
    for (int i = 0; i < STORES; i++) {
      TypedValueBenchmark.I64.set(bytes, (int) offsets[i], i * 0x0101010101L);
    }
  }
}
