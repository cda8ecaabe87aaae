package dev.wasmmemory.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random sequences of mutations, snapshots, restores and snapshot deletions on one heap memory,
 * against plain byte arrays: the memory and every live snapshot read back exactly as the model says
 * after each step, a step refused for want of budget changes nothing, and the budget never holds
 * fewer pages than are stored and gets every page back once the snapshots and the memory go.
 */
class SnapshotPropertyTest {
  private static final int PAGE = Pages.PAGE_SIZE;
  private static final int MAX_PAGES = 4;

  /** One step: {@code kind} picks the operation, the numbers its arguments. */
  record Step(int kind, int a, int b, int c) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step =
        net.jqwik.api.Combinators.combine(
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
    byte[] model = new byte[PAGE];
    List<FrozenPages> snapshots = new ArrayList<>();
    List<byte[]> snapshotModels = new ArrayList<>();
    for (Step step : steps) {
      byte[] before = model.clone();
      try {
        model = apply(memory, model, step, snapshots, snapshotModels);
      } catch (MemoryBudgetExceededException
          | OutOfBoundsException
          | GrowLimitExceededException e) {
        assertThat(memory.get(0, memory.sizeBytes())).as("%s refused", step).isEqualTo(before);
        model = before;
      }
      assertThat(memory.sizeBytes()).as("size after %s", step).isEqualTo(model.length);
      assertThat(memory.get(0, model.length)).as("bytes after %s", step).isEqualTo(model);
      for (int i = 0; i < snapshots.size(); i++) {
        assertThat(read(snapshots.get(i)))
            .as("snapshot %d after %s", i, step)
            .isEqualTo(snapshotModels.get(i));
      }
      assertThat(budget.held()).isGreaterThanOrEqualTo(memory.materializedPages());
    }
    while (!snapshots.isEmpty()) {
      FrozenPages dropped = snapshots.remove(0);
      memory.releaseSnapshot(dropped, snapshots);
    }
    assertThat(memory.snapshotOnlyPages()).isZero();
    assertThat(budget.held()).isEqualTo(memory.materializedPages());
    memory.close();
    assertThat(budget.held()).isZero();
  }

  private static byte[] apply(
      MemoryInstance memory,
      byte[] model,
      Step step,
      List<FrozenPages> snapshots,
      List<byte[]> snapshotModels)
      throws Exception {
    int size = model.length;
    int offset = step.a() % (size + 1);
    int length = Math.min(step.b(), size - offset);
    byte value = (byte) step.c();
    switch (step.kind()) {
      case 0, 1 -> {
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
        int previous = memory.grow(1);
        if (previous < 0) {
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
        memory.exclusive(
            access -> {
              access.store(offset - offset % 8 % Math.max(1, size), 1, value);
              return null;
            });
        model[offset - offset % 8 % Math.max(1, size)] = value;
      }
      case 8 -> {
        snapshots.add(memory.freeze());
        snapshotModels.add(model.clone());
      }
      case 9 -> {
        if (!snapshots.isEmpty()) {
          int k = step.c() % snapshots.size();
          FrozenPages dropped = snapshots.remove(k);
          snapshotModels.remove(k);
          memory.releaseSnapshot(dropped, snapshots);
        }
      }
      default -> {
        if (snapshots.isEmpty()) {
          memory.erase();
          return new byte[size];
        }
        int k = step.c() % snapshots.size();
        memory.restore(snapshots.get(k));
        return snapshotModels.get(k).clone();
      }
    }
    return model;
  }

  private static byte[] read(FrozenPages pages) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (RegionView view = pages.view("m", 0, LinearMemory.TO_END)) {
      view.transferTo(out);
    }
    return out.toByteArray();
  }
}
