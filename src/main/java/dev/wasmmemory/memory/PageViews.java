package dev.wasmmemory.memory;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lends a {@link PageTable}'s pages to readers that outlive the lock (region views, captures for a
 * diff) without copying them: each lent page is marked shared, so the table copies it before it
 * next writes it, and the marks are forgotten once no such reader is open.
 */
final class PageViews {
  private PageViews() {}

  /** Before a mutation: forgets the sharing of pages once no view can read them any more. */
  static void beforeMutation(PageTable t) {
    if (t.openViews.get() == 0 && !t.shared.isEmpty()) {
      t.shared.clear();
    }
  }

  static RegionView openView(
      PageTable t, long address, long length, long version, long memorySize) {
    byte[][] refs;
    PageStore.PageSource source = null;
    if (length == 0) {
      refs = new byte[0][];
    } else {
      int first = Pages.index(address);
      refs = Arrays.copyOfRange(t.pages, first, Pages.lastIndex(address, length) + 1);
      for (int i = 0; i < refs.length; i++) {
        if (refs[i] == PageTable.UNLOADED) {
          if (source == null) {
            source = t.store.openSnapshot();
          }
        } else if (refs[i] != null) {
          t.shared.set(first + i);
        }
      }
    }
    t.openViews.incrementAndGet();
    return new PagedRegionView(
        refs, address, length, version, memorySize, source, t.openViews::decrementAndGet);
  }

  /**
   * The pages now, held like a view's (copied before they are next written, at no charge) until
   * {@code release} runs: for a diff against the live memory.
   */
  static FrozenPages capture(PageTable t, long version, Runnable[] release) {
    byte[][] refs = Arrays.copyOf(t.pages, t.count);
    Object[] ids = new Object[t.count];
    PageStore.PageSource source = null;
    for (int i = 0; i < t.count; i++) {
      if (refs[i] == PageTable.UNLOADED && source == null) {
        source = t.store.openSnapshot();
      }
      if (refs[i] != null) {
        ids[i] = PageSnapshots.identity(t, i);
        if (refs[i] != PageTable.UNLOADED) {
          t.shared.set(i);
        }
      }
    }
    t.openViews.incrementAndGet();
    PageStore.PageSource opened = source;
    AtomicInteger views = t.openViews;
    release[0] =
        () -> {
          views.decrementAndGet();
          if (opened != null) {
            opened.close();
          }
        };
    return new FrozenPages(refs, ids, version, opened);
  }
}
