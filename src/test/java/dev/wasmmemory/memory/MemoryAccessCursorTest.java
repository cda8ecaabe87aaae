package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.CHUNK_SIZE;
import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link MemoryAccess}'s cursors, the typed loads' and stores' fast paths: the 4 KiB chunks a store
 * marks (what a store persists, seen exactly through {@link DetachedPages#changes}), the region
 * {@link MemoryAccess#change} reports to watchers, and that no operation through the table leaves a
 * cursor on a page the table no longer holds.
 */
class MemoryAccessCursorTest {

  private static MemoryInstance heap(int pages) {
    return MemoryInstance.create("m", MemoryLimits.of(pages, 4L), PageBudget.UNLIMITED);
  }

  @Test
  void eachStoreMarksExactlyTheChunksItTouched() {
    DetachedPages pages =
        new DetachedPages(
            "d", MemoryLimits.of(2, 2L), 2, new BitSet(), i -> null, PageBudget.UNLIMITED);
    pages.run(
        0,
        access -> {
          access.storeShort(CHUNK_SIZE - 1, (short) 0x0102); // chunks 0 and 1
          access.storeInt(3L * CHUNK_SIZE - 2, 0x01020304); // 2 and 3
          access.storeByte(5L * CHUNK_SIZE, (byte) 1); // 5
          access.storeByte(7L * CHUNK_SIZE - 1, (byte) 1); // 6
          access.storeLong(PAGE_SIZE - 8, -1L); // 15
          access.storeInt(PAGE_SIZE + 5L * CHUNK_SIZE - 2, 7); // page 1: 4 and 5
          return null;
        });
    assertThat(masksOf(pages)).containsExactly("0:1000000001101111", "1:110000");
  }

  /** The store cursor is one chunk: it moves between chunks of a page and back, missing none. */
  @Test
  void storesMovingBetweenChunksOfOnePageMarkEveryChunkAndLandWhereAddressed() {
    DetachedPages pages =
        new DetachedPages(
            "d", MemoryLimits.of(1, 1L), 1, new BitSet(), i -> null, PageBudget.UNLIMITED);
    long[] seen =
        pages.run(
            0,
            access -> {
              access.storeByte(CHUNK_SIZE - 1, (byte) 1); // chunk 0, its last byte
              access.storeByte(CHUNK_SIZE, (byte) 2); // chunk 1, its first byte
              access.storeLong(CHUNK_SIZE - 8, 0x0807060504030201L); // back to 0
              access.storeInt(2L * CHUNK_SIZE - 4, 0x0D0C0B0A); // 1 again
              access.storeShort(9L * CHUNK_SIZE + 1, (short) 0x0F0E); // 9
              access.storeInt(8, 0x11); // 0, fast path after moving back
              return new long[] {
                access.loadLong(CHUNK_SIZE - 8),
                access.loadByte(CHUNK_SIZE),
                access.loadInt(2L * CHUNK_SIZE - 4),
                access.loadShort(9L * CHUNK_SIZE + 1),
                access.loadInt(8)
              };
            });

    assertThat(seen).containsExactly(0x0807060504030201L, 2, 0x0D0C0B0A, 0x0F0E, 0x11);
    assertThat(masksOf(pages)).containsExactly("0:1000000011");
  }

  /**
   * Stores of each width land where addressed on the fast path of a chunk other than a page's first
   * (the cursor aimed at it by an earlier store), and a store just below the aimed chunk marks its
   * own chunk.
   */
  @Test
  void storesOnAnAimedChunkAndJustBelowItLandAndAreMarked() {
    DetachedPages pages =
        new DetachedPages(
            "d", MemoryLimits.of(2, 2L), 2, new BitSet(), i -> null, PageBudget.UNLIMITED);
    long page = PAGE_SIZE; // page 1, so that page and chunk offsets both count
    long[] seen =
        pages.run(
            0,
            access -> {
              access.storeByte(page + 3L * CHUNK_SIZE, (byte) 1); // aims chunk 3
              access.storeByte(page + 3L * CHUNK_SIZE + 1, (byte) 2); // fast path
              access.storeShort(page + 3L * CHUNK_SIZE + 2, (short) 0x0403);
              access.storeInt(page + 3L * CHUNK_SIZE + 4, 0x08070605);
              access.storeLong(page + 3L * CHUNK_SIZE + 8, 0x100F0E0D0C0B0A09L);
              access.storeByte(page + 3L * CHUNK_SIZE - 1, (byte) 0x11); // chunk 2
              access.storeShort(page + 6L * CHUNK_SIZE, (short) 1); // aims chunk 6
              access.storeShort(page + 6L * CHUNK_SIZE - 2, (short) 0x1312); // chunk 5
              access.storeInt(page + 8L * CHUNK_SIZE, 1); // aims chunk 8
              access.storeInt(page + 8L * CHUNK_SIZE - 4, 0x17161514); // chunk 7
              access.storeLong(page + 10L * CHUNK_SIZE, 1); // aims chunk 10
              access.storeLong(page + 10L * CHUNK_SIZE - 8, 0x1F1E1D1C1B1A1918L); // chunk 9
              return new long[] {
                access.loadLong(page + 3L * CHUNK_SIZE),
                access.loadLong(page + 3L * CHUNK_SIZE + 8),
                access.loadByte(page + 3L * CHUNK_SIZE - 1),
                access.loadShort(page + 6L * CHUNK_SIZE - 2),
                access.loadInt(page + 8L * CHUNK_SIZE - 4),
                access.loadLong(page + 10L * CHUNK_SIZE - 8)
              };
            });

    assertThat(seen)
        .containsExactly(
            0x0807060504030201L,
            0x100F0E0D0C0B0A09L,
            0x11,
            0x1312,
            0x17161514,
            0x1F1E1D1C1B1A1918L);
    assertThat(masksOf(pages)).containsExactly("1:11111101100");
  }

  @Test
  void eachBulkOperationMarksExactlyTheChunksItSpans() {
    DetachedPages pages =
        new DetachedPages(
            "d", MemoryLimits.of(3, 3L), 3, new BitSet(), i -> null, PageBudget.UNLIMITED);
    pages.run(
        0,
        access -> {
          access.write(
              5L * CHUNK_SIZE - 1, TestBytes.filled(2 * CHUNK_SIZE + 2, 1), 0, 2 * CHUNK_SIZE + 2);
          access.write(PAGE_SIZE + 3L * CHUNK_SIZE + 10, TestBytes.filled(20, 1), 0, 20);
          access.fill(2L * PAGE_SIZE + 15L * CHUNK_SIZE, CHUNK_SIZE, (byte) 1);
          return null;
        });

    assertThat(masksOf(pages)).containsExactly("0:11110000", "1:1000", "2:1000000000000000");
  }

  @Test
  void changesOnceHandedOverAreForgotten() {
    DetachedPages pages =
        new DetachedPages(
            "d", MemoryLimits.of(1, 1L), 1, new BitSet(), i -> null, PageBudget.UNLIMITED);
    pages.run(0, access -> storeInt(access, 8));
    assertThat(masksOf(pages)).containsExactly("0:1");

    pages.run(1, access -> storeInt(access, 3L * CHUNK_SIZE));

    assertThat(masksOf(pages)).containsExactly("0:1000");
  }

  private static int storeInt(MemoryAccess access, long address) {
    access.storeInt(address, 1);
    return 0;
  }

  /** Each page the changes list, with the chunks written. */
  private static List<String> masksOf(DetachedPages pages) {
    List<String> masks = new ArrayList<>();
    pages.changes(
        1,
        commit ->
            commit.forEachChange(
                new PageCommit.ChangeVisitor() {
                  @Override
                  public void written(int index, int chunkMask, byte[] page) {
                    masks.add(index + ":" + Integer.toBinaryString(chunkMask));
                  }

                  @Override
                  public void dropped(int index) {
                    masks.add(index + ": dropped");
                  }

                  @Override
                  public void installed(PageStore.StagedPage page) {
                    masks.add(page.index() + ": installed");
                  }
                }));
    return masks;
  }

  @Test
  void theChangeCoversTheChunksStoredThroughTheCursorAndTheBytesStoredOtherwise() {
    MemoryInstance memory = heap(3);
    long version = memory.version();

    List<AccessChange> changes =
        memory.exclusive(
            access -> {
              List<AccessChange> seen = new ArrayList<>();
              seen.add(access.change());
              access.storeByte(PAGE_SIZE + CHUNK_SIZE + 5, (byte) 1);
              access.storeByte(PAGE_SIZE + 3L * CHUNK_SIZE, (byte) 1);
              seen.add(access.change()); // the cursor's chunks, not flushed yet
              access.fill(20, 4, (byte) 1);
              seen.add(access.change()); // flushed, and the bytes filled
              return seen;
            });

    assertThat(changes.get(0)).isNull();
    assertThat(changes.get(1))
        .isEqualTo(
            new AccessChange("m", version + 1, PAGE_SIZE + CHUNK_SIZE, 3L * CHUNK_SIZE, 3, 3));
    assertThat(changes.get(2))
        .isEqualTo(new AccessChange("m", version + 1, 20, PAGE_SIZE + 4L * CHUNK_SIZE - 20, 3, 3));
    assertThat(changes.get(2).grew()).isFalse();
  }

  @Test
  void aChangeNamesTheBytesOfEachKindOfStore() {
    MemoryInstance memory = heap(3);
    memory.set(0, TestBytes.filled(8, 1));

    assertThat(changeOf(memory, a -> a.store(2L * PAGE_SIZE + 8, 4, 0))) // zeros, absent page
        .containsExactly(2L * PAGE_SIZE + 8, 4);
    assertThat(changeOf(memory, a -> a.store(PAGE_SIZE - 2, 4, 0x01020304))) // across pages
        .containsExactly(PAGE_SIZE - 2, 4);
    assertThat(changeOf(memory, a -> a.copy(0, 100, 50))).containsExactly(100, 50);
    assertThat(changeOf(memory, a -> a.write(300, new byte[] {1, 2, 3}, 1, 2)))
        .containsExactly(300, 2);
    assertThat(
            changeOf(
                memory,
                a -> {
                  a.fill(5, 0, (byte) 1); // stores nothing, widens nothing
                  a.fill(1000, 7, (byte) 1);
                }))
        .containsExactly(1000, 7);
    assertThat(changeOf(memory, a -> a.storeLong(PAGE_SIZE - 8, -1)))
        .containsExactly(PAGE_SIZE - CHUNK_SIZE, CHUNK_SIZE);
  }

  @Test
  void anActionThatOnlyGrewChangesNoBytes() {
    MemoryInstance memory = heap(1);
    long version = memory.version();

    AccessChange grown =
        memory.exclusive(
            access -> {
              access.grow(2);
              return access.change();
            });
    AccessChange read =
        memory.exclusive(
            access -> {
              access.load(0, 8);
              return access.change();
            });

    assertThat(grown).isEqualTo(new AccessChange("m", version + 1, 0, 0, 1, 3));
    assertThat(grown.grew()).isTrue();
    assertThat(read).isNull();
    assertThat(memory.version()).isEqualTo(version + 1);
  }

  private static long[] changeOf(MemoryInstance memory, Consumer<MemoryAccess> a) {
    AccessChange change =
        memory.exclusive(
            access -> {
              a.accept(access);
              return access.change();
            });
    return new long[] {change.offset(), change.length()};
  }

  @Test
  void aPageZeroedOrCopiedOverWholeIsNotWrittenOrReadThroughAStaleCursor() {
    MemoryInstance memory = heap(2);
    int[] seen =
        memory.exclusive(
            access -> {
              access.storeInt(8, 5);
              access.fill(0, PAGE_SIZE, (byte) 0); // page 0 dropped
              access.storeInt(16, 7);
              int afterFill = access.loadInt(8);
              access.copy(PAGE_SIZE, 0, PAGE_SIZE); // zeros over page 0: dropped again
              int afterCopy = access.loadInt(16);
              access.storeInt(24, 9);
              return new int[] {afterFill, afterCopy};
            });

    assertThat(seen).containsExactly(0, 0);
    assertThat(memory.getBits(ValueType.U32, 16)).isZero();
    assertThat(memory.getBits(ValueType.U32, 24)).isEqualTo(9);
  }

  @Test
  void aStoreAcrossPagesOnAFrozenPageIsReadBackFromTheMemorysCopy() {
    MemoryInstance memory = heap(2);
    memory.set(0, TestBytes.filled(PAGE_SIZE, 1));
    FrozenPages snapshot = memory.freeze();

    int[] seen =
        memory.exclusive(
            access -> {
              int before = access.loadInt(8); // the read cursor on the snapshot's page
              access.store(PAGE_SIZE - 2, 4, 0x04030201); // copies page 0
              return new int[] {before, access.loadShort(PAGE_SIZE - 2), access.loadInt(8)};
            });

    assertThat(seen).containsExactly(0x01010101, 0x0201, 0x01010101);
    assertThat(memory.get(PAGE_SIZE - 2, 4)).containsExactly(1, 2, 3, 4);
    assertThat(snapshot.page(0)[PAGE_SIZE - 1]).isEqualTo((byte) 1);
    assertThat(snapshot.page(1)).isNull();
  }

  @Test
  void aReadCursorOnAPageOfZerosSeesTheBytesAWriteThroughTheTableStores() {
    MemoryInstance memory = heap(1);

    int[] seen =
        memory.exclusive(
            access -> {
              int before = access.loadByte(5); // the read cursor on the zero page
              access.write(5, new byte[] {7}, 0, 1); // allocates page 0
              return new int[] {before, access.loadByte(5), access.loadInt(4)};
            });

    assertThat(seen).containsExactly(0, 7, 0x0700);
    assertThat(memory.get(5, 1)).containsExactly(7);
  }

  @Test
  void aRegionEndingOnAChunkBoundaryMarksNoChunkPastIt() {
    DetachedPages pages =
        new DetachedPages(
            "d", MemoryLimits.of(2, 2L), 2, new BitSet(), i -> null, PageBudget.UNLIMITED);
    pages.run(
        0,
        access -> {
          access.write(0, TestBytes.filled(CHUNK_SIZE, 1), 0, CHUNK_SIZE);
          access.fill(PAGE_SIZE + CHUNK_SIZE, CHUNK_SIZE - 1, (byte) 1);
          return null;
        });

    assertThat(masksOf(pages)).containsExactly("0:1", "1:10");
  }
}
