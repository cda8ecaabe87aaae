package dev.wasmmemory.memory;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * What one operation changed in a {@link PageTable} over a store that keeps pages elsewhere: the
 * pages touched and, per page, the 4 KiB chunks written. Read back as a {@link PageCommit}, where
 * each page appears once in its final state. Guarded by the memory's write lock like its table.
 */
final class PageChanges {
  /** Every chunk of a page: what a page dropped or replaced as a whole has changed. */
  static final int WHOLE_PAGE = (1 << Pages.CHUNKS_PER_PAGE) - 1;

  private final BitSet touched = new BitSet();

  /** Pages a snapshot holds that the memory let go of: their stored pages must stay. */
  private final BitSet detached = new BitSet();

  /** Per page index, the chunks written; grown with the table. */
  private char[] masks = new char[0];

  private final Map<Integer, PageStore.StagedPage> installs = new HashMap<>();
  private boolean erased;

  void written(int index, int chunkMask) {
    if (index >= masks.length) {
      masks = Arrays.copyOf(masks, Math.max(index + 1, 2 * masks.length));
    }
    if (!installs.isEmpty() && installs.containsKey(index)) {
      throw new IllegalStateException("page " + index + " written after it was installed");
    }
    masks[index] |= (char) chunkMask;
    touched.set(index);
  }

  void installed(PageStore.StagedPage page) {
    written(page.index(), WHOLE_PAGE);
    installs.put(page.index(), page);
  }

  /** Page {@code index} was a snapshot's too: the memory now has its own (or none). */
  void detached(int index) {
    detached.set(index);
    touched.set(index);
    if (index >= masks.length) {
      masks = Arrays.copyOf(masks, Math.max(index + 1, 2 * masks.length));
    }
    masks[index] = (char) WHOLE_PAGE;
  }

  void erased() {
    erased = true;
  }

  boolean isEmpty() {
    return touched.isEmpty() && !erased;
  }

  void clear() {
    for (int i = touched.nextSetBit(0); i >= 0; i = touched.nextSetBit(i + 1)) {
      masks[i] = 0;
    }
    touched.clear();
    detached.clear();
    installs.clear();
    erased = false;
  }

  PageCommit asCommit(PageTable table, long version) {
    return new PageCommit() {
      @Override
      public int pages() {
        return table.count();
      }

      @Override
      public long version() {
        return version;
      }

      @Override
      public int materializedPages() {
        return table.materialized();
      }

      @Override
      public boolean erased() {
        return erased;
      }

      @Override
      public boolean detached(int index) {
        return detached.get(index);
      }

      @Override
      public void forEachChange(ChangeVisitor visitor) {
        for (int i = touched.nextSetBit(0); i >= 0; i = touched.nextSetBit(i + 1)) {
          PageStore.StagedPage staged = installs.get(i);
          byte[] page = table.rawEntry(i);
          if (staged != null) {
            visitor.installed(staged);
          } else if (page == null) {
            visitor.dropped(i);
          } else {
            visitor.written(i, masks[i], page);
          }
        }
      }
    };
  }
}
