package dev.wasmmemory.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The lock's share of a typed access, which cannot be switched off inside the engine: a plain
 * byte[] i32 access wrapped in exactly the synchronisation the engine uses. Set against the byte[]
 * and engine rows of {@link TypedValueBenchmark}, the gaps are the lock's cost and the engine's own
 * bookkeeping (bounds, page table, budget, views).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LockShareBenchmark {
  /** A lock and version counter like the engine's, over the shared byte[]. */
  @State(Scope.Benchmark)
  public static class Guard {
    final StampedLock lock = new StampedLock();
    volatile long version;
  }

  /** What {@code getBits} does: an optimistic stamp, validated after the load. */
  @Benchmark
  public void i32ReadOptimisticStamp(Memories m, Offsets o, Guard g, Blackhole bh) {
    int at = o.next();
    long stamp = g.lock.tryOptimisticRead();
    int value = (int) TypedValueBenchmark.I32.get(m.bytes, at);
    if (!g.lock.validate(stamp)) {
      stamp = g.lock.readLock();
      try {
        value = (int) TypedValueBenchmark.I32.get(m.bytes, at);
      } finally {
        g.lock.unlockRead(stamp);
      }
    }
    bh.consume(value);
  }

  /**
   * What every other read pays ({@code get}, {@code getInto}): the read lock taken and released.
   */
  @Benchmark
  public void i32ReadReadLock(Memories m, Offsets o, Guard g, Blackhole bh) {
    int at = o.next();
    long stamp = g.lock.readLock();
    try {
      bh.consume((int) TypedValueBenchmark.I32.get(m.bytes, at));
    } finally {
      g.lock.unlockRead(stamp);
    }
  }

  /** The write lock alone. */
  @Benchmark
  public void i32WriteWriteLock(Memories m, Offsets o, Guard g) {
    int at = o.next();
    long stamp = g.lock.writeLock();
    try {
      TypedValueBenchmark.I32.set(m.bytes, at, at);
    } finally {
      g.lock.unlockWrite(stamp);
    }
  }

  /** What {@code setBits} pays for synchronisation: the write lock plus the volatile version++. */
  @Benchmark
  public void i32WriteWriteLockAndVersion(Memories m, Offsets o, Guard g) {
    int at = o.next();
    long stamp = g.lock.writeLock();
    try {
      TypedValueBenchmark.I32.set(m.bytes, at, at);
      g.version++;
    } finally {
      g.lock.unlockWrite(stamp);
    }
  }
}
