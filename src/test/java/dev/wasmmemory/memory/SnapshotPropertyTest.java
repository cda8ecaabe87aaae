package dev.wasmmemory.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random sequences of mutations, snapshots, restores and snapshot deletions on one heap memory,
 * against plain byte arrays: the memory and every live snapshot read back exactly as the model says
 * after each step, a step refused for want of budget changes nothing, and the budget never holds
 * fewer pages than are stored and gets every page back once the snapshots and the memory go. {@code
 * RocksSnapshotPropertyTest} runs the same steps on the RocksDB store, with restarts.
 */
class SnapshotPropertyTest {
  static final int PAGE = Pages.PAGE_SIZE;
  static final int MAX_PAGES = 4;

  /** One step: {@code kind} picks the operation, the numbers its arguments. */
  record Step(int kind, int a, int b, int c) {}

  /** What the steps run on: a memory and a keeper of its snapshots. */
  interface Subject {
    LinearMemory memory();

    Object take();

    void delete(Object snapshot, List<Object> remaining);

    void restore(Object snapshot);

    byte[] read(Object snapshot) throws Exception;

    /** Closes and opens the store again (nothing for the heap). */
    default void restart() {}
  }

  @Provide
  static Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.integers().between(0, 10),
                Arbitraries.integers().between(0, 4 * PAGE),
                Arbitraries.integers().between(0, 2 * PAGE),
                Arbitraries.integers().between(0, 255))
            .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(40);
  }

  @Property(tries = 300)
  void snapshotsKeepTheirBytesWhateverTheMemoryDoes(
      @ForAll("steps") List<Step> steps, @ForAll @IntRange(min = 0, max = 10) int budgetLimit)
      throws Exception {
    CountingPageBudget budget = new CountingPageBudget(budgetLimit);
    MemoryInstance memory =
        MemoryInstance.create("m", MemoryLimits.of(1, (long) MAX_PAGES), budget);
    Subject heap =
        new Subject() {
          @Override
          public LinearMemory memory() {
            return memory;
          }

          @Override
          public Object take() {
            return memory.freeze();
          }

          @Override
          public void delete(Object snapshot, List<Object> remaining) {
            memory.releaseSnapshot(
                (FrozenPages) snapshot, remaining.stream().map(FrozenPages.class::cast).toList());
          }

          @Override
          public void restore(Object snapshot) {
            memory.restore((FrozenPages) snapshot);
          }

          @Override
          public byte[] read(Object snapshot) throws Exception {
            return bytesOf((FrozenPages) snapshot);
          }
        };
    List<Object> snapshots = run(heap, steps, budget);
    while (!snapshots.isEmpty()) {
      heap.delete(snapshots.remove(0), snapshots);
    }
    assertThat(memory.snapshotOnlyPages()).isZero();
    assertThat(budget.held()).isEqualTo(memory.materializedPages());
    memory.close();
    assertThat(budget.held()).isZero();
  }

  /**
   * Runs {@code steps}, checking the memory and every snapshot against the model after each; a step
   * refused for want of budget (or out of bounds) must change nothing. Answers the snapshots still
   * held, oldest first.
   */
  static List<Object> run(Subject subject, List<Step> steps, CountingPageBudget budget)
      throws Exception {
    byte[] model = new byte[PAGE];
    List<Object> snapshots = new ArrayList<>();
    List<byte[]> snapshotModels = new ArrayList<>();
    for (Step step : steps) {
      byte[] before = model.clone();
      try {
        model = apply(subject, model, step, snapshots, snapshotModels);
      } catch (MemoryBudgetExceededException
          | OutOfBoundsException
          | GrowLimitExceededException e) {
        LinearMemory memory = subject.memory();
        assertThat(memory.get(0, memory.sizeBytes())).as("%s refused", step).isEqualTo(before);
        model = before;
      }
      LinearMemory memory = subject.memory();
      assertThat(memory.sizeBytes()).as("size after %s", step).isEqualTo(model.length);
      assertThat(memory.get(0, model.length)).as("bytes after %s", step).isEqualTo(model);
      for (int i = 0; i < snapshots.size(); i++) {
        assertThat(subject.read(snapshots.get(i)))
            .as("snapshot %d after %s", i, step)
            .isEqualTo(snapshotModels.get(i));
      }
      if (budget != null) {
        assertThat(budget.held()).isGreaterThanOrEqualTo(memory.materializedPages());
      }
    }
    return snapshots;
  }

  private static byte[] apply(
      Subject subject, byte[] model, Step step, List<Object> snapshots, List<byte[]> models)
      throws Exception {
    LinearMemory memory = subject.memory();
    int size = model.length;
    int offset = step.a() % (size + 1);
    int length = Math.min(step.b(), size - offset);
    byte value = (byte) step.c();
    switch (step.kind()) {
      case 0 -> subject.restart();
      case 1 -> {
        byte[] data = new byte[length];
        Arrays.fill(data, value);
        memory.set(offset, data);
        System.arraycopy(data, 0, model, offset, length);
      }
      case 2 -> {
        memory.clear(offset, value, length);
        Arrays.fill(model, offset, offset + length, value);
      }
      case 3 -> {
        int page = (step.a() / PAGE) % (size / PAGE);
        memory.zero((long) page * PAGE, PAGE);
        Arrays.fill(model, page * PAGE, (page + 1) * PAGE, (byte) 0);
      }
      case 4 -> {
        int destination = step.c() * 997 % (size - length + 1);
        memory.copy(offset, destination, length);
        System.arraycopy(model.clone(), offset, model, destination, length);
      }
      case 5 -> {
        if (memory.grow(1) < 0) {
          throw new GrowLimitExceededException("m", size / PAGE, 1, MAX_PAGES);
        }
        model = Arrays.copyOf(model, size + PAGE);
      }
      case 6 -> {
        byte[] data = new byte[length];
        Arrays.fill(data, value);
        memory.writeFrom(offset, length, new ByteArrayInputStream(data));
        System.arraycopy(data, 0, model, offset, length);
      }
      case 7 -> {
        int at = Math.min(offset, size - 1);
        if (step.b() % 2 == 0) {
          memory.exclusive(
              access -> {
                access.store(at, 1, value);
                return null;
              });
        } else {
          memory.setBits(ValueType.I8, at, value);
        }
        model[at] = value;
      }
      case 8 -> {
        snapshots.add(subject.take());
        models.add(model.clone());
      }
      case 9 -> {
        if (!snapshots.isEmpty()) {
          int k = step.c() % snapshots.size();
          Object dropped = snapshots.remove(k);
          models.remove(k);
          subject.delete(dropped, snapshots);
        }
      }
      default -> {
        if (snapshots.isEmpty()) {
          memory.erase();
          return new byte[size];
        }
        int k = step.c() % snapshots.size();
        subject.restore(snapshots.get(k));
        return models.get(k).clone();
      }
    }
    return model;
  }

  static byte[] bytesOf(FrozenPages pages) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (RegionView view = pages.view("m", 0, LinearMemory.TO_END)) {
      view.transferTo(out);
    }
    return out.toByteArray();
  }
}
