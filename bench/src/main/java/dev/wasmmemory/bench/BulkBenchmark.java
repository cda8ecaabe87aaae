package dev.wasmmemory.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * get (a new array), getInto (a caller's array) and set, of 4 KiB and 1 MiB. get and getInto differ
 * only by the allocation, so together they show what the new array costs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class BulkBenchmark {
  @Param({"4096", "1048576"})
  int size;

  private byte[] source;
  private byte[] target;

  @Setup(Level.Trial)
  public void setUp() {
    source = new byte[size];
    new SplittableRandom(11).nextBytes(source);
    target = new byte[size];
  }

  @Benchmark
  public byte[] getEngine(Memories m) {
    return m.engine.get(Layout.BULK_AT, size);
  }

  @Benchmark
  public byte[] getByteArray(Memories m) {
    return Arrays.copyOfRange(m.bytes, Layout.BULK_AT, Layout.BULK_AT + size);
  }

  @Benchmark
  public byte[] getChicory(Memories m) {
    return m.chicory.readBytes(Layout.BULK_AT, size);
  }

  @Benchmark
  public byte[] getIntoEngine(Memories m) {
    m.engine.getInto(Layout.BULK_AT, target);
    return target;
  }

  @Benchmark
  public byte[] getIntoByteArray(Memories m) {
    System.arraycopy(m.bytes, Layout.BULK_AT, target, 0, size);
    return target;
  }

  @Benchmark
  public void setEngine(Memories m) {
    m.engine.set(Layout.BULK_AT, source);
  }

  @Benchmark
  public void setByteArray(Memories m) {
    System.arraycopy(source, 0, m.bytes, Layout.BULK_AT, size);
  }

  @Benchmark
  public void setChicory(Memories m) {
    m.chicory.write(Layout.BULK_AT, source);
  }
}
