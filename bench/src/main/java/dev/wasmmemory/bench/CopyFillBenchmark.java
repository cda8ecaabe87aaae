package dev.wasmmemory.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** memory.copy and memory.fill of 1 MiB within one memory. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CopyFillBenchmark {
  @Benchmark
  public void copyEngine(Memories m) {
    m.engine.copy(Layout.COPY_FROM, Layout.COPY_TO, Layout.MIB_1);
  }

  @Benchmark
  public void copyByteArray(Memories m) {
    System.arraycopy(m.bytes, Layout.COPY_FROM, m.bytes, Layout.COPY_TO, Layout.MIB_1);
  }

  @Benchmark
  public void copyChicory(Memories m) {
    m.chicory.copy(Layout.COPY_TO, Layout.COPY_FROM, Layout.MIB_1);
  }

  @Benchmark
  public void fillEngine(Memories m) {
    m.engine.clear(Layout.FILL_AT, Layout.FILL_VALUE, Layout.MIB_1);
  }

  @Benchmark
  public void fillByteArray(Memories m) {
    Arrays.fill(m.bytes, Layout.FILL_AT, Layout.FILL_AT + Layout.MIB_1, Layout.FILL_VALUE);
  }

  @Benchmark
  public void fillChicory(Memories m) {
    m.chicory.fill(Layout.FILL_VALUE, Layout.FILL_AT, Layout.FILL_AT + Layout.MIB_1);
  }
}
