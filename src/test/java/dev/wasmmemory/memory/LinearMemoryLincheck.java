package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

import java.util.function.Supplier;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * Lincheck: concurrent runs of a store's memory operations must be explained by some serial order
 * of the same operations on {@link Spec}, a {@link ReferenceMemory}. The slots include a value that
 * crosses a page boundary (slot 2) and one on a page that exists only after a grow (slot 3), so
 * bounds must move atomically with the size. Each store has a subclass that says how to make a
 * memory of 1 page, at most 2, and how to check (model checking where every step is Java, stress
 * where a database is called).
 */
@Param(name = "slot", gen = IntGen.class, conf = "0:3")
@Param(name = "value", gen = IntGen.class, conf = "1:3")
@Param(name = "pages", gen = IntGen.class, conf = "0:1")
public abstract class LinearMemoryLincheck {
  private static final long[] SLOTS = {0, 12, PAGE_SIZE - 4, PAGE_SIZE + 4};
  private static final long WIDTH = 8;

  private final LinearMemory memory = newMemory();

  /** A memory of 1 page that may grow to 2, of the store under test. */
  protected abstract LinearMemory newMemory();

  @Operation
  public Object getBits(@Param(name = "slot") int slot) {
    return outcome(() -> memory.getBits(ValueType.I64, SLOTS[slot]));
  }

  @Operation
  public Object setBits(@Param(name = "slot") int slot, @Param(name = "value") int value) {
    return outcome(
        () -> {
          memory.setBits(ValueType.I64, SLOTS[slot], bits(value));
          return "ok";
        });
  }

  @Operation
  public Object grow(@Param(name = "pages") int pages) {
    return outcome(() -> memory.grow(pages));
  }

  @Operation
  public Object copy(@Param(name = "slot") int from, @Param(name = "slot") int to) {
    return outcome(
        () -> {
          memory.copy(SLOTS[from], SLOTS[to], WIDTH);
          return "ok";
        });
  }

  @Operation
  public Object clear(@Param(name = "slot") int slot, @Param(name = "value") int value) {
    return outcome(
        () -> {
          memory.clear(SLOTS[slot], (byte) value, WIDTH);
          return "ok";
        });
  }

  @Operation
  public Object sizeBytes() {
    return memory.sizeBytes();
  }

  /** Model checking: every interleaving of a few operations, for stores that are plain Java. */
  protected void modelCheck() {
    new ModelCheckingOptions()
        // Lincheck 3.7 cannot model byte-array-view VarHandles ("Unsupported VarHandle type:
        // VarHandleByteArrayAsLongs$ArrayHandle"); a load or store of one value within a page is
        // a single access anyway, so it is treated as one atomic step.
        .addGuarantee(forClasses(LittleEndian.class.getName()).allMethods().treatAsAtomic())
        .iterations(8)
        .invocationsPerIteration(25)
        .threads(2)
        .actorsPerThread(2)
        .actorsBefore(1)
        .actorsAfter(1)
        .sequentialSpecification(Spec.class)
        .check(getClass());
  }

  /** Stress testing: many real concurrent runs, for stores that call a database. */
  protected void stressCheck(int iterations) {
    new StressOptions()
        .iterations(iterations)
        .invocationsPerIteration(50)
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

  /** The sequential specification: the same operations on the reference model. */
  public static class Spec {
    private final ReferenceMemory memory = new ReferenceMemory(1, 2L);

    public Object getBits(int slot) {
      return outcome(() -> memory.getBits(ValueType.I64, SLOTS[slot]));
    }

    public Object setBits(int slot, int value) {
      return outcome(
          () -> {
            memory.setBits(ValueType.I64, SLOTS[slot], bits(value));
            return "ok";
          });
    }

    public Object grow(int pages) {
      return outcome(() -> memory.grow(pages));
    }

    public Object copy(int from, int to) {
      return outcome(
          () -> {
            memory.copy(SLOTS[from], SLOTS[to], WIDTH);
            return "ok";
          });
    }

    public Object clear(int slot, int value) {
      return outcome(
          () -> {
            memory.clear(SLOTS[slot], (byte) value, WIDTH);
            return "ok";
          });
    }

    public Object sizeBytes() {
      return memory.sizeBytes();
    }
  }
}
