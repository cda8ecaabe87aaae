package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What {@link MemoryInstance} answers beyond the contract suites: each mutation the version it left
 * the memory at, having waited for the store to make it durable; reads the version of their bytes;
 * its state (closed, failed, lock order); and the bookkeeping of snapshots it shares with its store
 * (pages freed when a snapshot goes, pages adopted at start-up, captured pages).
 */
class MemoryInstanceTest {
  private static final MemoryLimits LIMITS = MemoryLimits.of(2, 2L);

  /** Every kind of mutation, on a memory of two pages. */
  private static Map<String, ToLongFunction<MemoryInstance>> mutations() {
    Map<String, ToLongFunction<MemoryInstance>> all = new LinkedHashMap<>();
    all.put("set", m -> m.set(0, new byte[] {1, 2}));
    all.put("setBits", m -> m.setBits(ValueType.U16, 4, 0x0304));
    all.put("copy", m -> m.copy(0, 8, 4));
    all.put("copyNonOverlapping", m -> m.copyNonOverlapping(0, PAGE_SIZE, 8));
    all.put("transferFrom itself", m -> m.transferFrom(m, 0, 16, 4));
    all.put("clear", m -> m.clear(20, (byte) 7, 3));
    all.put("zero", m -> m.zero(20, 1));
    all.put("erase", MemoryInstance::erase);
    all.put("setBits at its version", m -> m.ifVersion(m.version()).setBits(ValueType.U8, 0, 9));
    all.put(
        "writeFrom",
        m -> uncheck(() -> m.writeFrom(3, 2, new ByteArrayInputStream(new byte[] {5, 6}))));
    all.put(
        "withDirectAccessMut",
        m -> uncheck(() -> m.withDirectAccessMut(0, 4, chunk -> chunk.put(0, (byte) 8))));
    all.put(
        "exclusive",
        m -> {
          m.exclusive(
              access -> {
                access.store(30, 1, 1);
                return null;
              });
          return m.version();
        });
    return all;
  }

  private interface Io {
    Object run() throws Exception;
  }

  private static long uncheck(Io io) {
    try {
      Object result = io.run();
      return result instanceof LinearMemory.StreamWrite w ? w.version() : (Long) result;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void eachMutationAnswersTheVersionItLeftOnTheHeap() {
    MemoryInstance memory = MemoryInstance.create("m", LIMITS, PageBudget.UNLIMITED);
    mutations()
        .forEach(
            (name, mutation) -> {
              long before = memory.version();
              assertThat(mutation.applyAsLong(memory)).as(name).isEqualTo(before + 1);
              assertThat(memory.version()).as(name).isEqualTo(before + 1);
            });
    FrozenPages snapshot = memory.freeze();
    long before = memory.set(0, new byte[] {7});
    assertThat(memory.restore(snapshot)).isEqualTo(before + 1).isEqualTo(memory.version());
    assertThat(memory.get(0, 1)).containsExactly(snapshot.page(0)[0]);
  }

  @Test
  void eachMutationOverAStoreIsCommittedOnceAndAwaitedUntilDurable() {
    MapPageStore store = new MapPageStore(2);
    MemoryInstance memory = store.open(LIMITS, PageBudget.UNLIMITED, new PageCache(0));
    mutations()
        .forEach(
            (name, mutation) -> {
              int commits = store.commits();
              long version = mutation.applyAsLong(memory);
              assertThat(store.commits()).as(name).isEqualTo(commits + 1);
              assertThat(store.version()).as(name).isEqualTo(version);
              assertThat(store.awaited()).as(name).isEqualTo(store.commits());
            });
    assertThat(store.erases()).as("erase is one commit that says so").isEqualTo(1);
    MapPageStore small = new MapPageStore(1);
    MemoryInstance growing =
        small.open(MemoryLimits.of(1, 2L), PageBudget.UNLIMITED, new PageCache(0));
    assertThat(growing.grow(1)).isEqualTo(1);
    assertThat(small.commits()).isEqualTo(1);
    assertThat(small.awaited()).isEqualTo(1);
    assertThat(small.version()).isEqualTo(growing.version());
  }

  @Test
  void readsAnswerTheVersionOfTheirBytesSmallOrLarge() throws Exception {
    MemoryInstance memory =
        MemoryInstance.create("m", MemoryLimits.of(20, 20L), PageBudget.UNLIMITED);
    memory.set(5, new byte[] {9});
    long version = memory.set(19L * PAGE_SIZE, new byte[] {4});
    ByteArrayOutputStream small = new ByteArrayOutputStream();
    ByteArrayOutputStream large = new ByteArrayOutputStream();

    assertThat(memory.readTo(0, 10, small)).isEqualTo(version);
    assertThat(memory.readTo(0, 20L * PAGE_SIZE, large)).isEqualTo(version);
    assertThat(memory.read(5, 1).version()).isEqualTo(version);

    assertThat(small.toByteArray()[5]).isEqualTo((byte) 9);
    assertThat(large.toByteArray()).hasSize(20 * PAGE_SIZE);
    assertThat(large.toByteArray()[19 * PAGE_SIZE]).isEqualTo((byte) 4);
    assertThatThrownBy(() -> memory.readTo(0, -1, small)).isInstanceOf(OutOfBoundsException.class);
  }

  @Test
  void getIntoAcrossTheEndIsOutOfBounds() {
    MemoryInstance memory = MemoryInstance.create("m", LIMITS, PageBudget.UNLIMITED);

    assertThatThrownBy(() -> memory.getInto(2L * PAGE_SIZE - 2, new byte[4]))
        .isInstanceOfSatisfying(
            OutOfBoundsException.class, e -> assertThat(e.offset()).isEqualTo(2L * PAGE_SIZE - 2));
    assertThatThrownBy(() -> memory.getInto(0, new byte[2 * PAGE_SIZE + 1]))
        .isInstanceOf(OutOfBoundsException.class);
  }

  @Test
  void aMemorySaysWhetherItIsClosedOrFailedAndHasALockOrderOfItsOwn() {
    List<MemoryInstance> memories =
        Stream.generate(() -> MemoryInstance.alloc(1, null)).limit(3).toList();
    MemoryInstance memory = memories.get(0);

    assertThat(memory.isClosed()).isFalse();
    assertThat(memory.failed()).isFalse();
    Set<Long> orders = memories.stream().map(LinearMemory::lockOrder).collect(Collectors.toSet());
    assertThat(orders).as("random: equal orders are all but impossible").hasSize(3);
    assertThat(memory.ifVersion(5).lockOrder()).isEqualTo(memory.lockOrder());
    memory.close();
    assertThat(memory.isClosed()).isTrue();
    assertThat(memory.failed()).isFalse();
  }

  @Test
  void releasingASnapshotAnswersThePagesNoOneHoldsAnyMore() {
    CountingPageBudget budget = CountingPageBudget.unlimited();
    MemoryInstance memory = MemoryInstance.create("m", LIMITS, budget);
    memory.set(0, new byte[] {1});
    memory.set(PAGE_SIZE, new byte[] {1});
    FrozenPages first = memory.freeze();
    memory.set(0, new byte[] {2}); // page 0 copied: the old one is the snapshot's alone
    FrozenPages second = memory.freeze();
    assertThat(budget.held()).isEqualTo(3);

    assertThat(memory.releaseSnapshot(first, List.of(second))).containsExactly(first.identity(0));
    assertThat(budget.held()).isEqualTo(2);
    assertThat(memory.releaseSnapshot(second, List.of())).isEmpty();
    assertThat(memory.snapshotOnlyPages()).isZero();
    memory.close();
    assertThat(memory.releaseSnapshot(second, List.of())).isEmpty();
    assertThat(budget.held()).isZero();
  }

  @Test
  void adoptedSnapshotPagesArePaidForAndCopiedBeforeTheyAreWritten() {
    CountingPageBudget budget = CountingPageBudget.unlimited();
    MemoryInstance memory = MemoryInstance.create("m", LIMITS, budget);
    memory.set(0, new byte[] {1});
    BitSet held = new BitSet();
    held.set(0);

    memory.adoptSnapshots(held, 2);
    assertThat(memory.snapshotOnlyPages()).isEqualTo(2);
    memory.set(1, new byte[] {2});

    assertThat(budget.held()).as("the page and its copy").isEqualTo(2);
    assertThat(memory.snapshotOnlyPages()).isEqualTo(3);
  }

  @Test
  void capturedPagesAreCopiedOnWriteOnlyWhileTheCaptureIsOpen() {
    MemoryInstance memory = MemoryInstance.create("m", LIMITS, PageBudget.UNLIMITED);
    memory.set(0, new byte[] {1});
    Object page;
    try (MemoryInstance.Captured captured = memory.capture()) {
      page = captured.pages().identity(0);
      assertThat(captured.pages().version()).isEqualTo(memory.version());
      memory.set(0, new byte[] {2});
      assertThat(captured.pages().page(0)[0]).isEqualTo((byte) 1);
    }
    FrozenPages afterWrite = memory.freeze();
    assertThat(afterWrite.identity(0)).isNotSameAs(page);

    try (MemoryInstance.Captured captured = memory.capture()) {
      page = captured.pages().identity(0);
    }
    memory.releaseSnapshot(afterWrite, List.of());
    memory.set(0, new byte[] {3});
    assertThat(memory.freeze().identity(0)).as("written in place").isSameAs(page);
  }

  @Test
  void adjacentRegionsDoNotOverlapAndSharingOneByteDoes() {
    MemoryInstance memory = MemoryInstance.create("m", LIMITS, PageBudget.UNLIMITED);
    memory.set(0, TestBytes.pattern(6, 20));

    memory.copyNonOverlapping(0, 10, 10);
    memory.copyNonOverlapping(10, 0, 10);

    assertThatThrownBy(() -> memory.copyNonOverlapping(0, 9, 10))
        .isInstanceOf(RegionsOverlapException.class);
    assertThatThrownBy(() -> memory.copyNonOverlapping(9, 0, 10))
        .isInstanceOf(RegionsOverlapException.class);
    assertThat(memory.get(0, 10)).containsExactly(memory.get(10, 10));
  }

  /** A module may import one memory in several places: locked once, wherever it is named. */
  @Test
  void aMemoryNamedTwiceApartIsLockedOnceAndGetsOneAccess() {
    MemoryInstance a = MemoryInstance.alloc(1, null);
    MemoryInstance b = MemoryInstance.alloc(1, null);

    boolean same =
        LinearMemory.exclusive(List.of(a, b, a, b), accesses -> accesses.get(0) == accesses.get(2));

    assertThat(same).isTrue();
    int none = LinearMemory.exclusive(List.<LinearMemory>of(), accesses -> accesses.size());
    assertThat(none).isZero();
  }

  @Test
  void aViewToTheEndFromAnOffsetHoldsTheRestOfTheMemory() {
    MemoryInstance memory = MemoryInstance.create("m", LIMITS, PageBudget.UNLIMITED);
    memory.set(PAGE_SIZE + 5, new byte[] {1});

    try (RegionView rest = memory.view(10, LinearMemory.TO_END);
        RegionView second = memory.view(PAGE_SIZE + 5, LinearMemory.TO_END)) {
      assertThat(rest.length()).isEqualTo(2L * PAGE_SIZE - 10);
      assertThat(rest.absent(10)).isTrue();
      assertThat(rest.absent(PAGE_SIZE)).isFalse();
      assertThat(second.offset()).isEqualTo(PAGE_SIZE + 5);
      assertThat(second.length()).isEqualTo(PAGE_SIZE - 5);
      assertThat(second.absent(PAGE_SIZE + 5)).isFalse();
      assertThat(second.absent(2L * PAGE_SIZE - 1)).isFalse();
    }
    try (RegionView none = memory.view(2L * PAGE_SIZE, LinearMemory.TO_END)) {
      assertThat(none.length()).isZero();
    }
  }

  /** Zeros copied onto pages without storage need none, even from a stored page. */
  @Test
  void aCopyOfZerosOntoAPageWithoutStorageMaterialisesNothing() {
    CountingPageBudget budget = CountingPageBudget.unlimited();
    MemoryInstance memory = MemoryInstance.create("m", LIMITS, budget);
    memory.set(0, new byte[] {1});

    memory.copy(1, PAGE_SIZE + 1, 100);
    memory.copy(0, PAGE_SIZE - 50, 100); // byte 0's page stored: page 1 gets zeros only

    assertThat(memory.materializedPages()).isEqualTo(1);
    assertThat(budget.held()).isEqualTo(1);
    assertThat(memory.get(PAGE_SIZE - 50, 1)).containsExactly(1);
    TestBytes.assertAllBytes(memory.get(PAGE_SIZE, PAGE_SIZE), 0);
  }

  /** A page another snapshot holds, restored away, is the memory's no more: written anew, once. */
  @Test
  void aRestoreThatDropsASnapshotsPageLeavesTheNextPageThereTheMemorysOwn() {
    CountingPageBudget budget = CountingPageBudget.unlimited();
    MemoryInstance memory = MemoryInstance.create("m", LIMITS, budget);
    FrozenPages empty = memory.freeze();
    memory.set(0, new byte[] {1});
    FrozenPages written = memory.freeze();

    memory.restore(empty);
    memory.set(0, new byte[] {2});
    long held = budget.held();
    memory.set(0, new byte[] {3});

    assertThat(budget.held()).as("no copy of the memory's own page").isEqualTo(held).isEqualTo(2);
    assertThat(memory.snapshotOnlyPages()).isEqualTo(1);
    assertThat(written.page(0)[0]).isEqualTo((byte) 1);
    assertThat(memory.get(0, 1)).containsExactly(3);
  }
}
