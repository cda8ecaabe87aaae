package dev.wasmmemory.bench;

import dev.wasmmemory.memory.ValueType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * i32 and i64 loads and stores at random offsets. The engine's reads are optimistic (no lock
 * taken); its writes take the write lock. The byte[] rows are the limit: one bounds-checked
 * unaligned access, no locking.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TypedValueBenchmark {
  static final VarHandle I32 =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle I64 =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  @Benchmark
  public void i32ReadEngine(Memories m, Offsets o, Blackhole bh) {
    bh.consume(m.engine.getBits(ValueType.I32, o.next()));
  }

  @Benchmark
  public void i32ReadByteArray(Memories m, Offsets o, Blackhole bh) {
    bh.consume((int) I32.get(m.bytes, o.next()));
  }

  @Benchmark
  public void i32ReadChicory(Memories m, Offsets o, Blackhole bh) {
    bh.consume(m.chicory.readInt(o.next()));
  }

  @Benchmark
  public void i32WriteEngine(Memories m, Offsets o) {
    int at = o.next();
    m.engine.setBits(ValueType.I32, at, at);
  }

  @Benchmark
  public void i32WriteByteArray(Memories m, Offsets o) {
    int at = o.next();
    I32.set(m.bytes, at, at);
  }

  @Benchmark
  public void i32WriteChicory(Memories m, Offsets o) {
    int at = o.next();
    m.chicory.writeI32(at, at);
  }

  @Benchmark
  public void i64ReadEngine(Memories m, Offsets o, Blackhole bh) {
    bh.consume(m.engine.getBits(ValueType.I64, o.next()));
  }

  @Benchmark
  public void i64ReadByteArray(Memories m, Offsets o, Blackhole bh) {
    bh.consume((long) I64.get(m.bytes, o.next()));
  }

  @Benchmark
  public void i64ReadChicory(Memories m, Offsets o, Blackhole bh) {
    bh.consume(m.chicory.readLong(o.next()));
  }

  @Benchmark
  public void i64WriteEngine(Memories m, Offsets o) {
    int at = o.next();
    m.engine.setBits(ValueType.I64, at, at);
  }

  @Benchmark
  public void i64WriteByteArray(Memories m, Offsets o) {
    int at = o.next();
    I64.set(m.bytes, at, (long) at);
  }

  @Benchmark
  public void i64WriteChicory(Memories m, Offsets o) {
    int at = o.next();
    m.chicory.writeLong(at, at);
  }
}
