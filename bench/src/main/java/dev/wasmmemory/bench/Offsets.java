package dev.wasmmemory.bench;

import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Precomputed random offsets for typed accesses: unaligned, anywhere in the memory (an 8-byte value
 * still fits). The same seed gives every subject the same sequence. 1024 of them touch at most 1024
 * cache lines, so the rows measure the access path rather than cache misses.
 */
@State(Scope.Thread)
public class Offsets {
  private static final int COUNT = 1024;
  private static final int MASK = COUNT - 1;

  private final int[] offsets = new int[COUNT];
  private int cursor;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < COUNT; i++) {
      offsets[i] = random.nextInt(Layout.SIZE - Long.BYTES + 1);
    }
  }

  int next() {
    return offsets[cursor++ & MASK];
  }
}
