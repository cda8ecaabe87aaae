package dev.wasmmemory.bench;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.wasmmemory.memory.MemoryInstance;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The three subjects, holding the same random 4 MiB: the engine, a plain {@code byte[]} (the limit)
 * and Chicory's {@code ByteArrayMemory}. Every page is materialised.
 */
@State(Scope.Benchmark)
public class Memories {
  MemoryInstance engine;
  byte[] bytes;
  ByteArrayMemory chicory;

  @Setup(Level.Trial)
  public void setUp() {
    bytes = new byte[Layout.SIZE];
    new SplittableRandom(42).nextBytes(bytes);
    engine = MemoryInstance.alloc(Layout.PAGES, (long) Layout.PAGES);
    engine.set(0, bytes);
    chicory = new ByteArrayMemory(new MemoryLimits(Layout.PAGES, Layout.PAGES));
    chicory.write(0, bytes);
    checkAgreement();
  }

  /**
   * Runs the bulk operations once on all three and compares every byte, so that a wrong argument
   * order (Chicory's {@code copy(dest, src, n)}, {@code fill(value, from, to)}) fails the run
   * rather than measuring something else.
   */
  private void checkAgreement() {
    engine.copy(Layout.COPY_FROM, Layout.COPY_TO, Layout.MIB_1);
    System.arraycopy(bytes, Layout.COPY_FROM, bytes, Layout.COPY_TO, Layout.MIB_1);
    chicory.copy(Layout.COPY_TO, Layout.COPY_FROM, Layout.MIB_1);

    int fillEnd = Layout.FILL_AT + Layout.MIB_1;
    engine.clear(Layout.FILL_AT, Layout.FILL_VALUE, Layout.MIB_1);
    Arrays.fill(bytes, Layout.FILL_AT, fillEnd, Layout.FILL_VALUE);
    chicory.fill(Layout.FILL_VALUE, Layout.FILL_AT, fillEnd);

    if (!Arrays.equals(engine.get(0, Layout.SIZE), bytes)
        || !Arrays.equals(chicory.readBytes(0, Layout.SIZE), bytes)) {
      throw new IllegalStateException("the three memories disagree after copy and fill");
    }
    if (engine.materializedPages() != Layout.PAGES) {
      throw new IllegalStateException("engine has sparse pages: " + engine.materializedPages());
    }
  }
}
