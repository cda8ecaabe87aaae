package dev.wasmmemory.memory;

import java.util.BitSet;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * A memory's pages held in this JVM for the length of one exclusive action, for stores whose pages
 * live elsewhere and whose memories are not {@link MemoryInstance}s (Redis): the store locks the
 * memory its own way, runs the action here against a {@link MemoryAccess} (pages loaded on first
 * use through {@code loader}), then persists {@link #changes} in one step.
 *
 * <p>Not thread-safe: one action, one thread.
 */
public final class DetachedPages {
  private final String memoryId;
  private final MemoryLimits limits;
  private final PageTable table;
  private boolean wrote;

  /**
   * @param pages the memory's size in pages
   * @param stored the pages that hold storage; the others read as zeros without a load
   * @param loader the stored bytes of a stored page (64 KiB)
   * @param budget pays for pages the action materialises
   */
  public DetachedPages(
      String memoryId,
      MemoryLimits limits,
      int pages,
      BitSet stored,
      IntFunction<byte[]> loader,
      PageBudget budget) {
    this.memoryId = memoryId;
    this.limits = limits;
    this.table = new PageTable(budget, new LoaderStore(loader), null, pages, stored);
  }

  /**
   * Runs {@code action} on the memory at {@code version} (what {@link MemoryAccess#version}
   * answers); what it wrote before it threw stays in {@link #changes}.
   */
  public <T> T run(long version, LinearMemory.MemoryAction<T> action) {
    MemoryAccess access = new MemoryAccess(memoryId, table, limits.maximumPages(), version);
    PageViews.beforeMutation(table);
    try {
      return action.run(access);
    } finally {
      access.end();
      table.endOperation();
      wrote |= access.wrote();
    }
  }

  /** Whether an action grew the memory or stored anything. */
  public boolean wrote() {
    return wrote;
  }

  public int currentPages() {
    return table.count();
  }

  public int materializedPages() {
    return table.materialized();
  }

  /**
   * Hands what the actions changed, as of {@code version}, to {@code persist} (each changed page
   * once, in its final state), then starts afresh.
   */
  public void changes(long version, Consumer<PageCommit> persist) {
    ((LoaderStore) table.store()).persist = persist;
    try {
      PageCommits.commit(table, version);
    } finally {
      ((LoaderStore) table.store()).persist = null;
    }
  }

  /** Loads through the store's loader; a commit goes to whoever asked for the changes. */
  private static final class LoaderStore implements PageStore {
    private final IntFunction<byte[]> loader;
    private Consumer<PageCommit> persist;

    LoaderStore(IntFunction<byte[]> loader) {
      this.loader = loader;
    }

    @Override
    public boolean persistent() {
      return false;
    }

    @Override
    public byte[] load(int index) {
      return loader.apply(index);
    }

    @Override
    public StagedPage stage(int index, byte[] data) {
      throw new IllegalStateException("detached pages take no streamed writes");
    }

    @Override
    public void discard(StagedPage page) {}

    @Override
    public long commit(PageCommit commit) {
      if (persist != null) {
        persist.accept(commit);
      }
      return 0;
    }

    @Override
    public void awaitDurable(long token) {}

    @Override
    public PageSource openSnapshot() {
      throw new IllegalStateException("detached pages take no views");
    }
  }
}
