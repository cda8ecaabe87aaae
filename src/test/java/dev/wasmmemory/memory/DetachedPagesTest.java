package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.CHUNK_SIZE;
import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link DetachedPages}, the engine's side of an exclusive action on a memory whose pages live
 * elsewhere (Redis): stored pages are loaded once on first use and absent ones never, the access
 * sees the version it was given, the budget pays for what the action materialises, and {@link
 * DetachedPages#changes} hands each changed page once, in its final state, then starts afresh.
 */
class DetachedPagesTest {
  private final List<Integer> loads = new ArrayList<>();
  private final CountingPageBudget budget = CountingPageBudget.unlimited();

  /** A memory of {@code pages} whose {@code stored} pages hold their index + 1 at every byte. */
  private DetachedPages detached(int pages, Long maximum, int... stored) {
    BitSet bits = new BitSet();
    for (int index : stored) {
      bits.set(index);
    }
    budget.acquire(bits.get(0, pages).cardinality()); // stored pages are paid for already
    return new DetachedPages(
        "d",
        MemoryLimits.of(pages, maximum),
        pages,
        bits,
        index -> {
          loads.add(index);
          return TestBytes.filled(PAGE_SIZE, index + 1);
        },
        budget);
  }

  /** One change a commit listed: {@code written} with its mask and first byte, or dropped. */
  private record Change(int index, String kind, int mask, int first) {}

  private static List<Change> changesOf(PageCommit commit) {
    List<Change> seen = new ArrayList<>();
    commit.forEachChange(
        new PageCommit.ChangeVisitor() {
          @Override
          public void written(int index, int chunkMask, byte[] page) {
            seen.add(new Change(index, "written", chunkMask, page[0]));
          }

          @Override
          public void dropped(int index) {
            seen.add(new Change(index, "dropped", 0, 0));
          }

          @Override
          public void installed(PageStore.StagedPage page) {
            seen.add(new Change(page.index(), "installed", 0, 0));
          }
        });
    return seen;
  }

  @Test
  void storedPagesAreLoadedOnceOnFirstUseAndAbsentOnesReadAsZerosUnloaded() {
    DetachedPages pages = detached(3, 4L, 1, 3);

    long[] read =
        pages.run(
            5,
            access ->
                new long[] {
                  access.load(PAGE_SIZE + 3, 1),
                  access.load(2L * PAGE_SIZE - 2, 2),
                  access.load(10, 4),
                  access.load(2L * PAGE_SIZE, 8),
                  access.version(),
                  access.sizeBytes(),
                  access.maximumPages()
                });

    assertThat(read).containsExactly(2, 0x0202, 0, 0, 5, 3L * PAGE_SIZE, 4);
    assertThat(loads).containsExactly(1);
    assertThat(pages.wrote()).isFalse();
    assertThat(pages.currentPages()).isEqualTo(3);
    assertThat(pages.materializedPages()).as("bit 3 is past the memory's end").isEqualTo(1);
  }

  @Test
  void changesHandEachChangedPageOnceInItsFinalStateAtTheVersionGiven() {
    DetachedPages pages = detached(3, null, 0, 1);
    pages.run(
        0,
        access -> {
          access.storeInt(8, 0x0A0B0C0D);
          access.storeByte(2L * CHUNK_SIZE + 1, (byte) 9);
          access.storeByte(0, (byte) 42); // the same page again: listed once
          access.fill(PAGE_SIZE, PAGE_SIZE, (byte) 0); // a whole stored page zeroed: dropped
          access.fill(2L * PAGE_SIZE + CHUNK_SIZE, 10, (byte) 7); // an absent page materialised
          return null;
        });
    List<PageCommit> commits = new ArrayList<>();
    List<List<Change>> changes = new ArrayList<>();

    pages.changes(
        6,
        commit -> {
          commits.add(commit);
          assertThat(commit.pages()).isEqualTo(3);
          assertThat(commit.version()).isEqualTo(6);
          assertThat(commit.materializedPages()).isEqualTo(2);
          assertThat(commit.erased()).isFalse();
          changes.add(changesOf(commit));
        });

    assertThat(commits).hasSize(1);
    assertThat(changes.get(0))
        .containsExactly(
            new Change(0, "written", 0b101, 42),
            new Change(1, "dropped", 0, 0),
            new Change(2, "written", 0b10, 0));
    assertThat(pages.wrote()).isTrue();
    assertThat(pages.materializedPages()).isEqualTo(2);
    assertThat(budget.held()).as("one page dropped, one materialised").isEqualTo(2);

    pages.changes(7, commit -> changes.add(changesOf(commit)));
    assertThat(changes).hasSize(2);
    assertThat(changes.get(1)).as("nothing changed since").isEmpty();
  }

  @Test
  void whatAnActionStoredBeforeItThrewStaysInTheChanges() {
    DetachedPages pages = detached(1, null);
    IllegalStateException failure = new IllegalStateException("trap");

    assertThatThrownBy(
            () ->
                pages.run(
                    0,
                    access -> {
                      access.storeShort(100, (short) 0x0102);
                      throw failure;
                    }))
        .isSameAs(failure);

    assertThat(pages.wrote()).isTrue();
    assertThat(pages.materializedPages()).isEqualTo(1);
    List<Change> changes = new ArrayList<>();
    pages.changes(1, commit -> changes.addAll(changesOf(commit)));
    assertThat(changes).containsExactly(new Change(0, "written", 0b1, 0));
  }

  @Test
  void aGrowIsAWriteAndAnImpossibleOneGrowsNothing() {
    DetachedPages pages = detached(1, 3L);

    int[] grown = pages.run(0, access -> new int[] {access.grow(3), access.grow(2)});
    assertThat(grown).containsExactly(-1, 1);
    assertThat(pages.currentPages()).isEqualTo(3);
    assertThat(pages.wrote()).isTrue();

    pages.run(0, access -> access.load(0, 1)); // a later read-only action forgets nothing
    assertThat(pages.wrote()).isTrue();
    List<Integer> sizes = new ArrayList<>();
    pages.changes(1, commit -> sizes.add(commit.pages()));
    assertThat(sizes).containsExactly(3);
    assertThat(budget.held()).as("grown pages cost nothing until written").isZero();
  }

  @Test
  void aPrepaymentTheActionDidNotUseGoesBackWhenItEnds() {
    DetachedPages pages = detached(4, null);

    pages.run(
        0,
        access -> {
          access.prepay(3);
          assertThat(budget.held()).isEqualTo(3);
          access.storeLong(PAGE_SIZE, -1L);
          return null;
        });

    assertThat(budget.held()).isEqualTo(1);
    assertThat(pages.materializedPages()).isEqualTo(1);
  }

  @Test
  void anActionRefusedByTheBudgetMaterialisesNothing() {
    DetachedPages pages = detached(2, null);
    budget.exhaust();

    assertThatThrownBy(
            () ->
                pages.run(
                    0,
                    access -> {
                      access.write(0, new byte[] {1}, 0, 1);
                      return null;
                    }))
        .isInstanceOf(MemoryBudgetExceededException.class);

    assertThat(pages.materializedPages()).isZero();
    assertThat(budget.held()).isZero();
    List<Change> changes = new ArrayList<>();
    pages.changes(1, commit -> changes.addAll(changesOf(commit)));
    assertThat(changes).isEmpty();
  }

  @Test
  void anAccessKeptPastItsActionRefusesToBeUsed() {
    DetachedPages pages = detached(1, null);
    MemoryAccess kept = pages.run(0, access -> access);

    assertThatThrownBy(() -> kept.store(0, 1, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("memory access used after its exclusive action ended");
    assertThat(pages.wrote()).isFalse();
  }
}
