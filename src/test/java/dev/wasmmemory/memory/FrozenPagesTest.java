package dev.wasmmemory.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A snapshot's pages on their own: what they say of themselves (size, version, stored pages), the
 * identity that lets a diff skip a page two snapshots share, reads through a view and through a
 * store's source.
 */
class FrozenPagesTest {
  private static final int PAGE = Pages.PAGE_SIZE;

  @Test
  void aSnapshotSharesTheMemorysPagesUntilOneIsWritten() {
    MemoryInstance memory =
        MemoryInstance.create("m", MemoryLimits.of(3, 3L), PageBudget.UNLIMITED);
    memory.set(0, new byte[] {1});
    memory.set(2L * PAGE, new byte[] {2});
    FrozenPages first = memory.freeze();
    memory.set(2L * PAGE + 1, new byte[] {3});
    FrozenPages second = memory.freeze();

    assertThat(first.pages()).isEqualTo(3);
    assertThat(first.sizeBytes()).isEqualTo(3L * PAGE);
    assertThat(first.version()).isEqualTo(2);
    assertThat(second.version()).isEqualTo(3);
    assertThat(first.storedPages()).isEqualTo(2);
    assertThat(first.samePage(0, second)).isTrue();
    assertThat(first.samePage(1, second)).isFalse(); // zeros: nothing to share
    assertThat(first.samePage(2, second)).isFalse();
    assertThat(first.identity(1)).isNull();
    assertThat(first.page(1)).isNull();
    assertThat(first.page(2)[1]).isZero();
    assertThat(second.page(2)[1]).isEqualTo((byte) 3);
    assertThat(first.identities()).hasSize(3).containsNull();

    memory.releaseSnapshot(first, List.of(second));
    memory.releaseSnapshot(second, List.of());
    memory.close();
  }

  @Test
  void aSnapshotSmallerThanTheOtherSharesNothingPastItsEnd() {
    MemoryInstance memory =
        MemoryInstance.create("m", MemoryLimits.of(1, 2L), PageBudget.UNLIMITED);
    memory.set(0, new byte[] {1});
    FrozenPages small = memory.freeze();
    memory.grow(1);
    memory.set(PAGE, new byte[] {1});
    FrozenPages large = memory.freeze();
    assertThat(large.samePage(1, small)).isFalse();
    assertThat(large.samePage(0, small)).isTrue();
  }

  @Test
  void aViewServesTheBytesAndRefusesARegionPastTheEnd() throws Exception {
    MemoryInstance memory =
        MemoryInstance.create("m", MemoryLimits.of(1, 1L), PageBudget.UNLIMITED);
    memory.set(10, new byte[] {7, 8});
    FrozenPages pages = memory.freeze();
    try (RegionView view = pages.view("m", 10, LinearMemory.TO_END)) {
      assertThat(view.offset()).isEqualTo(10);
      assertThat(view.length()).isEqualTo(PAGE - 10);
      assertThat(view.version()).isEqualTo(1);
      assertThat(view.memorySize()).isEqualTo(PAGE);
    }
    try (RegionView empty = pages.view("m", PAGE, 0)) {
      assertThat(empty.length()).isZero();
    }
    assertThat(SnapshotPropertyTest.bytesOf(pages)[11]).isEqualTo((byte) 8);
    assertThatThrownBy(() -> pages.view("m", PAGE + 1L, LinearMemory.TO_END))
        .isInstanceOf(OutOfBoundsException.class)
        .hasMessageContaining("65537");
    assertThatThrownBy(() -> pages.view("m", 1, PAGE)).isInstanceOf(OutOfBoundsException.class);
  }

  @Test
  void pagesAStoreKeepsAreReadThroughItsSource() throws Exception {
    byte[] stored = new byte[PAGE];
    stored[5] = 9;
    Object[] ids = {42L, null};
    PageStore.PageSource source =
        new PageStore.PageSource() {
          @Override
          public byte[] load(int index) {
            assertThat(index).isZero();
            return stored;
          }

          @Override
          public void close() {}
        };
    FrozenPages pages = FrozenPages.stored(ids, 7, source);
    ids[0] = 43L; // the snapshot keeps its own copy
    assertThat(pages.identity(0)).isEqualTo(42L);
    assertThat(pages.storedPages()).isEqualTo(1);
    assertThat(pages.version()).isEqualTo(7);
    assertThat(pages.page(0)[5]).isEqualTo((byte) 9);
    assertThat(pages.page(1)).isNull();
    assertThat(pages.samePage(0, FrozenPages.stored(new Object[] {42L}, 8, source))).isTrue();
    assertThat(pages.samePage(0, FrozenPages.stored(new Object[] {41L}, 8, source))).isFalse();
    byte[] all = SnapshotPropertyTest.bytesOf(pages);
    assertThat(all).hasSize(2 * PAGE);
    assertThat(all[5]).isEqualTo((byte) 9);
    assertThat(all[PAGE + 5]).isZero();
  }

  /**
   * Zeroing pages a snapshot holds copies only the pages it covers in part: whole pages are
   * dropped, and the snapshot keeps them as they are. At the budget's edge that is a success.
   */
  @Test
  void zeroingWholePagesASnapshotHoldsNeedsNoCopyOfThem() {
    CountingPageBudget budget = CountingPageBudget.unlimited();
    MemoryInstance memory = MemoryInstance.create("m", MemoryLimits.of(3, 3L), budget);
    memory.set(0, TestBytes.filled(3 * PAGE, 7));
    FrozenPages snapshot = memory.freeze();
    budget.limitTo(5);

    memory.zero(10, 2 * PAGE); // page 0 in part (a copy), page 1 whole, page 2 in part (a copy)

    assertThat(budget.held()).isEqualTo(5);
    assertThat(memory.get(0, 11)).containsExactly(7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 0);
    assertThat(memory.get(2 * PAGE + 9, 2)).containsExactly(0, 7);
    assertThat(snapshot.page(1)[0]).isEqualTo((byte) 7);
  }
}
