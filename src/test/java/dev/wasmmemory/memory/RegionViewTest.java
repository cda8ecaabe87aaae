package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PagedRegionView} and the sharing it costs the memory: while a view is open a page written
 * is copied first, once every view is closed (closing twice counts once) pages are written in place
 * again, and a view of pages outside the heap closes the store snapshot it read them from. A page's
 * identity ({@link FrozenPages#identity}, the page array itself on the heap) tells a copy from a
 * write in place.
 */
class RegionViewTest {

  /** The identity of page 0 now, taken by a snapshot released at once. */
  private static Object pageZero(MemoryInstance memory) {
    FrozenPages pages = memory.freeze();
    memory.releaseSnapshot(pages, List.of());
    return pages.identity(0);
  }

  @Test
  void aPageIsCopiedBeforeItIsWrittenOnlyWhileAViewIsOpen() throws Exception {
    MemoryInstance memory =
        MemoryInstance.create("m", MemoryLimits.of(1, 1L), PageBudget.UNLIMITED);
    memory.set(0, new byte[] {1});
    Object before = pageZero(memory);

    RegionView view = memory.view(0, 4);
    assertThat(view.absent(0)).isFalse();
    memory.set(0, new byte[] {2});
    Object copied = pageZero(memory);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    view.transferTo(out);
    view.close();
    assertThat(copied).isNotSameAs(before);
    assertThat(out.toByteArray()).containsExactly(1, 0, 0, 0);

    RegionView again = memory.view(0, 4);
    again.close();
    again.close();
    memory.set(0, new byte[] {3});

    assertThat(pageZero(memory)).as("written in place").isSameAs(copied);
    assertThat(memory.get(0, 1)).containsExactly(3);
  }

  @Test
  void aViewOfAPageOfZerosSaysItIsAbsent() throws Exception {
    MemoryInstance memory =
        MemoryInstance.create("m", MemoryLimits.of(2, 2L), PageBudget.UNLIMITED);
    memory.set(PAGE_SIZE + 1, new byte[] {1});

    try (RegionView view = memory.view(10, PAGE_SIZE)) {
      assertThat(view.absent(10)).isTrue();
      assertThat(view.absent(PAGE_SIZE + 9)).isFalse();
    }
  }

  @Test
  void aViewOfPagesOutsideTheHeapClosesTheStoreSnapshotItReadsOnce() throws Exception {
    MapPageStore store = new MapPageStore(2);
    MemoryInstance memory =
        store.open(MemoryLimits.of(2, 2L), PageBudget.UNLIMITED, new PageCache(PAGE_SIZE));
    memory.set(0, new byte[] {1});
    memory.set(PAGE_SIZE, new byte[] {2}); // page 0 leaves the heap
    assertThat(memory.holds(0)).isFalse();

    RegionView view = memory.view(0, LinearMemory.TO_END);
    assertThat(store.openSources()).isEqualTo(1);
    assertThat(view.absent(0)).as("stored elsewhere, not absent").isFalse();
    memory.set(0, new byte[] {3});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    view.transferTo(out);
    view.close();
    view.close();

    assertThat(store.openSources()).isZero();
    assertThat(out.toByteArray()[0]).isEqualTo((byte) 1);
    assertThat(out.toByteArray()[PAGE_SIZE]).isEqualTo((byte) 2);
  }
}
