package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static dev.wasmmemory.memory.TestBytes.assertSameBytes;
import static dev.wasmmemory.memory.TestBytes.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Many threads on shared memories: no deadlock (a generous preemptive timeout turns one into a
 * failure, it measures nothing), and a final state that some serial order explains.
 */
class ConcurrencyTest {
  private static final Duration DEADLOCK = Duration.ofSeconds(60);
  private static final int THREADS = 8;
  private static final int REGION = 10_000;

  /** Runs the tasks together, started at once, and rethrows the first failure. */
  private static void runTogether(List<Callable<Void>> tasks) {
    assertTimeoutPreemptively(
        DEADLOCK,
        () -> {
          ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
          try {
            CyclicBarrier start = new CyclicBarrier(tasks.size());
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> task : tasks) {
              futures.add(
                  pool.submit(
                      () -> {
                        start.await();
                        return task.call();
                      }));
            }
            for (Future<Void> future : futures) {
              future.get();
            }
          } finally {
            pool.shutdownNow();
          }
        });
  }

  @ContractTest
  void writesGrowsAndTransfersBothWaysFinishWithAStateASerialOrderExplains(MemoryFactory memories) {
    LinearMemory a = memories.alloc(3);
    LinearMemory b = memories.alloc(2);
    int iterations = memories.scaled(150);
    ConcurrentLinkedQueue<Integer> previousA = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Integer> previousB = new ConcurrentLinkedQueue<>();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      long inA = 5_000L + thread * 2L * REGION;
      long backInA = inA + REGION;
      long inB = 3_000L + thread * (long) REGION;
      tasks.add(
          () -> {
            long lastSize = 0;
            for (int i = 0; i < iterations; i++) {
              byte[] content = pattern(thread * 1000L + i, REGION);
              a.set(inA, content);
              b.transferFrom(a, inA, inB, REGION);
              a.transferFrom(b, inB, backInA, REGION);
              assertSameBytes(a.get(backInA, REGION), content);
              if (i % 30 == thread % 30) {
                previousA.add(a.grow(1));
              }
              if (i % 30 == (thread + 15) % 30) {
                previousB.add(b.grow(1));
              }
              long size = a.sizeBytes();
              assertThat(size)
                  .isGreaterThanOrEqualTo(lastSize)
                  .isEqualTo(size / PAGE_SIZE * PAGE_SIZE);
              lastSize = size;
            }
            return null;
          });
    }

    runTogether(tasks);

    for (int thread = 0; thread < THREADS; thread++) {
      byte[] last = pattern(thread * 1000L + iterations - 1, REGION);
      long inA = 5_000L + thread * 2L * REGION;
      assertSameBytes(a.get(inA, REGION), last);
      assertSameBytes(a.get(inA + REGION, REGION), last);
      assertSameBytes(b.get(3_000L + thread * (long) REGION, REGION), last);
    }
    assertGrowsAddUp(a, 3, previousA);
    assertGrowsAddUp(b, 2, previousB);
  }

  /** Each grow saw a different size, one after another, and the final size counts them all. */
  private static void assertGrowsAddUp(
      LinearMemory memory, int initial, ConcurrentLinkedQueue<Integer> previous) {
    List<Integer> sizes = new ArrayList<>(previous);
    Collections.sort(sizes);
    assertThat(sizes).isNotEmpty();
    assertThat(sizes)
        .containsExactlyElementsOf(
            IntStream.range(initial, initial + sizes.size()).boxed().toList());
    assertThat(memory.currentPages()).isEqualTo(initial + sizes.size());
  }

  @ContractTest
  void transfersInACycleOfThreeMemoriesDoNotDeadlock(MemoryFactory factory) {
    LinearMemory[] memories = {factory.alloc(1), factory.alloc(1), factory.alloc(1)};
    for (int m = 0; m < 3; m++) {
      memories[m].set(0, pattern(m, PAGE_SIZE / 2));
    }
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      int from = t % 3;
      int to = (t / 3 == 0) ? (from + 1) % 3 : (from + 2) % 3;
      tasks.add(
          () -> {
            for (int i = 0; i < factory.scaled(2_000); i++) {
              memories[to].transferFrom(memories[from], 0, PAGE_SIZE / 2, 64);
            }
            return null;
          });
    }

    runTogether(tasks);

    for (int m = 0; m < 3; m++) {
      byte[] copied = memories[m].get(PAGE_SIZE / 2, 64);
      boolean fromAnother =
          IntStream.of((m + 1) % 3, (m + 2) % 3)
              .anyMatch(other -> Arrays.equals(copied, 0, 64, pattern(other, 64), 0, 64));
      assertThat(fromAnother).as("memory %d holds 64 bytes of another memory", m).isTrue();
    }
  }

  /**
   * Actions on two memories at once (a WebAssembly call on two memories) next to transfers between
   * them both ways: none deadlocks, and every reader of both sees each action whole. The pair is
   * one whose ids sort the other way from their lock orders where the store has such pairs, so that
   * an action taking them by id (rather than as transfers do) deadlocks here.
   */
  @ContractTest
  void actionsOnTwoMemoriesAndTransfersBothWaysDoNotDeadlock(MemoryFactory memories) {
    LinearMemory a = memories.alloc(1);
    LinearMemory b = memories.alloc(1);
    for (int tries = 0; tries < 32 && idsSortAsLockOrders(a, b); tries++) {
      b = memories.alloc(1);
    }
    LinearMemory first = a;
    LinearMemory second = b;
    int iterations = memories.scaled(400);
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      List<LinearMemory> both = t == 0 ? List.of(first, second) : List.of(second, first);
      long slot = 8L * t;
      tasks.add(
          () -> {
            for (int i = 1; i <= iterations; i++) {
              long value = i;
              LinearMemory.exclusive(
                  both,
                  accesses -> {
                    accesses.get(0).store(slot, 8, value);
                    accesses.get(1).store(slot, 8, value);
                    return null;
                  });
            }
            return null;
          });
      tasks.add(
          () -> {
            for (int i = 0; i < iterations; i++) {
              long[] seen =
                  LinearMemory.exclusive(
                      both,
                      accesses ->
                          new long[] {
                            accesses.get(0).load(slot, 8), accesses.get(1).load(slot, 8)
                          });
              assertThat(seen[0]).as("both memories hold one action's value").isEqualTo(seen[1]);
            }
            return null;
          });
    }
    tasks.add(
        () -> {
          for (int i = 0; i < iterations; i++) {
            second.transferFrom(first, 1024, 2048, 64);
            first.transferFrom(second, 1024, 2048, 64);
          }
          return null;
        });

    runTogether(tasks);

    for (long slot : new long[] {0, 8}) {
      assertThat(first.getBits(ValueType.I64, slot)).isEqualTo(iterations);
      assertThat(second.getBits(ValueType.I64, slot)).isEqualTo(iterations);
    }
  }

  /**
   * Readers that take no lock see an action on two memories whole: the action stores the same
   * increasing value in both, so a reader that reads one memory and then the other must find the
   * second at least as new as the first, in either order (a store that commits one memory after the
   * other without holding readers off shows the first's new value and the second's old one).
   */
  @ContractTest
  void plainReadersSeeAnActionOnTwoMemoriesWhole(MemoryFactory memories) {
    LinearMemory a = memories.alloc(1);
    LinearMemory b = memories.alloc(1);
    int iterations = memories.scaled(400);
    AtomicBoolean done = new AtomicBoolean();
    List<Callable<Void>> tasks = new ArrayList<>();
    tasks.add(
        () -> {
          try {
            for (int i = 1; i <= iterations; i++) {
              long value = i;
              LinearMemory.exclusive(
                  List.of(a, b),
                  accesses -> {
                    accesses.get(0).store(0, 8, value);
                    accesses.get(1).store(0, 8, value);
                    return null;
                  });
            }
          } finally {
            done.set(true);
          }
          return null;
        });
    for (LinearMemory[] order : new LinearMemory[][] {{a, b}, {b, a}}) {
      tasks.add(
          () -> {
            int reads = 0;
            while (!done.get() || reads == 0) {
              long first = order[0].getBits(ValueType.I64, 0);
              long second = order[1].getBits(ValueType.I64, 0);
              assertThat(second)
                  .as("%s read after %s", order[1].id(), order[0].id())
                  .isGreaterThanOrEqualTo(first);
              reads++;
            }
            return null;
          });
    }
    tasks.add(
        () -> {
          while (!done.get()) {
            b.transferFrom(a, 1024, 2048, 64);
            a.transferFrom(b, 1024, 2048, 64);
          }
          return null;
        });

    runTogether(tasks);

    assertThat(a.getBits(ValueType.I64, 0)).isEqualTo(iterations);
    assertThat(b.getBits(ValueType.I64, 0)).isEqualTo(iterations);
  }

  private static boolean idsSortAsLockOrders(LinearMemory a, LinearMemory b) {
    if (a.lockOrder() == b.lockOrder()) {
      return false; // ordered by id alone: no pair disagrees
    }
    return (a.id().compareTo(b.id()) < 0) == (a.lockOrder() < b.lockOrder());
  }

  @ContractTest
  void valuesAreNeverSeenHalfWrittenInAPageOrAcrossPages(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(2);
    long offset = PAGE_SIZE - 8;
    AtomicInteger writing = new AtomicInteger(2);
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      int writer = w;
      tasks.add(
          () -> {
            try {
              for (int k = writer; k < memories.scaled(20_000); k += 2) {
                writeUniform(memory, offset, (byte) k, k % 7);
              }
            } finally {
              writing.decrementAndGet();
            }
            return null;
          });
    }
    for (int r = 0; r < 3; r++) {
      tasks.add(
          () -> {
            while (writing.get() > 0) {
              assertUniform(memory.getBits(ValueType.I64, offset), 8);
              assertUniform(memory.getBits(ValueType.I64, offset + 4), 8);
              assertUniform(memory.getBits(ValueType.U16, offset + 6), 2);
              assertUniform(memory.getBits(ValueType.I32, offset + 8), 4);
              byte[] bytes = memory.get(offset, 16);
              assertSameBytes(bytes, TestBytes.filled(16, bytes[0]));
            }
            return null;
          });
    }

    runTogether(tasks);
  }

  /** Sets the 16 bytes from {@code offset} to {@code value} in one operation, one of seven. */
  private static void writeUniform(LinearMemory memory, long offset, byte value, int how)
      throws IOException {
    switch (how) {
      case 0 -> memory.clear(offset, value, 16);
      case 1 -> memory.set(offset, TestBytes.filled(16, value));
      case 2 -> memory.writeFrom(offset, 16, new ByteArrayInputStream(TestBytes.filled(16, value)));
      case 3 ->
          memory.withDirectAccessMut(
              offset,
              16,
              chunk -> {
                while (chunk.hasRemaining()) {
                  chunk.put(value);
                }
              });
      case 4 -> memory.zero(0, 2L * PAGE_SIZE);
      case 5 -> memory.erase();
      default -> memory.copy(offset + 16, offset, 16);
    }
  }

  private static void assertUniform(long bits, int width) {
    long expected = (bits & 0xFF) * 0x0101_0101_0101_0101L;
    assertThat(bits).isEqualTo(width == 8 ? expected : expected & ((1L << (8 * width)) - 1));
  }

  @ContractTest
  void aLargeReadIsASnapshotWhileWritersFillTheRegion(MemoryFactory memories) {
    int pages = 20;
    LinearMemory memory = memories.alloc(pages);
    AtomicBoolean done = new AtomicBoolean();
    List<Callable<Void>> tasks = new ArrayList<>();
    tasks.add(
        () -> {
          try {
            for (int k = 1; k <= 200; k++) {
              memory.clear(0, (byte) k, (long) pages * PAGE_SIZE);
            }
          } finally {
            done.set(true);
          }
          return null;
        });
    for (int r = 0; r < 2; r++) {
      tasks.add(
          () -> {
            while (!done.get()) {
              ByteArrayOutputStream out = new ByteArrayOutputStream();
              memory.readTo(0, (long) pages * PAGE_SIZE, out);
              byte[] bytes = out.toByteArray();
              assertSameBytes(bytes, TestBytes.filled(bytes.length, bytes[0]));
            }
            return null;
          });
    }

    runTogether(tasks);
  }

  private static long uniform(byte value) {
    return (value & 0xFFL) * 0x0101_0101_0101_0101L;
  }
}
