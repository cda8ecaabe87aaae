package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;

import dev.wasmmemory.store.redis.RedisTestServers;
import dev.wasmmemory.store.redis.RedisTestStores;
import java.util.function.Supplier;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Lincheck on the Redis store, in stress mode (real threads; model checking cannot steer a network
 * client): concurrent operations on two memories of the shared test cluster, among them transfers
 * both ways (two leases, two slots), a read-modify-write under {@code exclusive} (a lease and a
 * detached page table) and a grow, must be explained by a serial order on {@link ReferenceMemory}.
 * The slots include a value that crosses a page boundary and one that exists only after a grow.
 */
@Param(name = "slot", gen = IntGen.class, conf = "0:3")
@Param(name = "value", gen = IntGen.class, conf = "1:3")
@Param(name = "pages", gen = IntGen.class, conf = "0:1")
public class RedisMemoryLincheckTest {
  private static final long[] SLOTS = {0, 12, PAGE_SIZE - 4, PAGE_SIZE + 4};
  private static final long WIDTH = 8;

  private final LinearMemory memory =
      RedisTestStores.cluster().create(MemoryLimits.of(1, 2L), null);
  private final LinearMemory other = RedisTestStores.cluster().create(MemoryLimits.of(1, 1L), null);

  @Operation
  public Object getBits(@Param(name = "slot") int slot) {
    return outcome(() -> memory.getBits(ValueType.I64, SLOTS[slot]));
  }

  @Operation
  public Object setBits(@Param(name = "slot") int slot, @Param(name = "value") int value) {
    return outcome(() -> memory.setBits(ValueType.I64, SLOTS[slot], bits(value)) * 0);
  }

  @Operation
  public Object grow(@Param(name = "pages") int pages) {
    return outcome(() -> memory.grow(pages));
  }

  @Operation
  public Object copy(@Param(name = "slot") int from, @Param(name = "slot") int to) {
    return outcome(() -> memory.copy(SLOTS[from], SLOTS[to], WIDTH) * 0);
  }

  @Operation
  public Object clear(@Param(name = "slot") int slot, @Param(name = "value") int value) {
    return outcome(() -> memory.clear(SLOTS[slot], (byte) value, WIDTH) * 0);
  }

  @Operation
  public Object transferIn(@Param(name = "slot") int from, @Param(name = "slot") int to) {
    return outcome(() -> memory.transferFrom(other, SLOTS[from], SLOTS[to], WIDTH) * 0);
  }

  @Operation
  public Object transferOut(@Param(name = "slot") int from, @Param(name = "slot") int to) {
    return outcome(() -> other.transferFrom(memory, SLOTS[from], SLOTS[to], WIDTH) * 0);
  }

  @Operation
  public Object otherGetBits(@Param(name = "slot") int slot) {
    return outcome(() -> other.getBits(ValueType.I64, SLOTS[slot]));
  }

  @Operation
  public Object increment(@Param(name = "slot") int slot) {
    return outcome(
        () ->
            memory.exclusive(
                access -> {
                  long value = access.load(SLOTS[slot], 8) + 1;
                  access.store(SLOTS[slot], 8, value);
                  return value;
                }));
  }

  @Operation
  public Object sizeBytes() {
    return memory.sizeBytes();
  }

  @Test
  void stressedRunsAreLinearizable() {
    Assumptions.assumeTrue(RedisTestServers.missing().isEmpty(), "redis-server is missing");
    new StressOptions()
        .iterations(8)
        .invocationsPerIteration(30)
        .threads(2)
        .actorsPerThread(3)
        .actorsBefore(1)
        .actorsAfter(1)
        .sequentialSpecification(Spec.class)
        .check(getClass());
  }

  /** A value whose eight bytes are all {@code value}, so a torn read would show. */
  private static long bits(int value) {
    return value * 0x0101_0101_0101_0101L;
  }

  /** The result, or the simple name of the engine exception that took its place. */
  private static Object outcome(Supplier<Object> operation) {
    try {
      return operation.get();
    } catch (MemoryException e) {
      return e.getClass().getSimpleName();
    }
  }

  /** The sequential specification: the same operations on two reference memories. */
  public static class Spec {
    private final ReferenceMemory memory = new ReferenceMemory(1, 2L);
    private final ReferenceMemory other = new ReferenceMemory(1, 1L);

    public Object getBits(int slot) {
      return outcome(() -> memory.getBits(ValueType.I64, SLOTS[slot]));
    }

    public Object setBits(int slot, int value) {
      return outcome(() -> run(() -> memory.setBits(ValueType.I64, SLOTS[slot], bits(value))));
    }

    public Object grow(int pages) {
      return outcome(() -> memory.grow(pages));
    }

    public Object copy(int from, int to) {
      return outcome(() -> run(() -> memory.copy(SLOTS[from], SLOTS[to], WIDTH)));
    }

    public Object clear(int slot, int value) {
      return outcome(() -> run(() -> memory.clear(SLOTS[slot], (byte) value, WIDTH)));
    }

    public Object transferIn(int from, int to) {
      return outcome(
          () -> run(() -> ReferenceMemory.transfer(other, SLOTS[from], memory, SLOTS[to], WIDTH)));
    }

    public Object transferOut(int from, int to) {
      return outcome(
          () -> run(() -> ReferenceMemory.transfer(memory, SLOTS[from], other, SLOTS[to], WIDTH)));
    }

    public Object otherGetBits(int slot) {
      return outcome(() -> other.getBits(ValueType.I64, SLOTS[slot]));
    }

    public Object increment(int slot) {
      return outcome(
          () -> {
            long value = memory.getBits(ValueType.I64, SLOTS[slot]) + 1;
            memory.setBits(ValueType.I64, SLOTS[slot], value);
            return value;
          });
    }

    public Object sizeBytes() {
      return memory.sizeBytes();
    }

    /** What the store's mutations answer here once their version is multiplied away: 0. */
    private static Object run(Runnable mutation) {
      mutation.run();
      return 0L;
    }
  }
}
