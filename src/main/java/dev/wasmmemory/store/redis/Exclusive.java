package dev.wasmmemory.store.redis;

import dev.wasmmemory.memory.DetachedPages;
import dev.wasmmemory.memory.LinearMemory.MemoryAction;
import dev.wasmmemory.memory.PageBudget;
import dev.wasmmemory.memory.PageCommit;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.memory.StorageException;
import dev.wasmmemory.memory.VersionMismatchException;
import io.lettuce.core.RedisException;

/**
 * {@code exclusive} on Redis (a WebAssembly call, a batch): lease the memory, run the action
 * against the engine's {@link DetachedPages} (pages loaded on first use, under the lease no one
 * else changes them), then commit every changed page, the size and one version step in one {@code
 * wm2_apply} with the lease's token, which also ends the lease. Other writers wait meanwhile;
 * readers see the memory before the action or after it, never in between. An action that throws
 * keeps what it wrote, as on the heap. Pages the action materialises are acquired from the memory's
 * ledger as it goes (and pages it drops reused), so the budget refuses in the action.
 */
final class Exclusive {
  private Exclusive() {}

  static <T> T run(RedisMemory memory, MemoryAction<T> action) {
    MemoryLease lease = MemoryLease.take(memory, new MemoryLease.Reading(0, -1, true));
    try {
      long expected = memory.mutator().expected();
      if (expected >= 0 && expected != lease.version()) {
        throw new VersionMismatchException(memory.id(), expected, lease.version());
      }
      LocalPool pool = new LocalPool(memory.ledger());
      DetachedPages pages =
          new DetachedPages(
              memory.id(),
              memory.limits(),
              lease.pages(),
              lease.stored(),
              index -> load(memory, index),
              pool);
      try {
        return pages.run(lease.version(), action);
      } finally {
        if (pages.wrote()) {
          commit(memory, lease, pages, pool);
        } else {
          pool.settle();
        }
      }
    } finally {
      lease.release();
    }
  }

  private static void commit(
      RedisMemory memory, MemoryLease lease, DetachedPages pages, LocalPool pool) {
    PageChangeSet changes = new PageChangeSet(memory);
    boolean[] erased = {false};
    pages.changes(
        lease.version() + 1,
        commit -> {
          erased[0] = commit.erased();
          commit.forEachChange(
              new PageCommit.ChangeVisitor() {
                @Override
                public void written(int index, int chunkMask, byte[] page) {
                  writeChunks(changes, index, chunkMask, page);
                }

                @Override
                public void dropped(int index) {
                  changes.dropped(index);
                }

                @Override
                public void installed(dev.wasmmemory.memory.PageStore.StagedPage page) {
                  throw new IllegalStateException("detached pages install no staged page");
                }
              });
        });
    changes.commit(lease, pool.stamp, pool.acquired, pages.currentPages(), erased[0]);
  }

  /** Each run of changed 4 KiB chunks of a page as one written range. */
  private static void writeChunks(PageChangeSet changes, int index, int mask, byte[] page) {
    for (int c = 0; c < Pages.CHUNKS_PER_PAGE; ) {
      if ((mask & (1 << c)) == 0) {
        c++;
        continue;
      }
      int start = c;
      while (c < Pages.CHUNKS_PER_PAGE && (mask & (1 << c)) != 0) {
        c++;
      }
      int from = start * Pages.CHUNK_SIZE;
      int to = c * Pages.CHUNK_SIZE;
      byte[] bytes =
          from == 0 && to == page.length
              ? page.clone()
              : java.util.Arrays.copyOfRange(page, from, to);
      changes.written(index, from, bytes);
    }
  }

  private static byte[] load(RedisMemory memory, int index) {
    try {
      byte[] page =
          memory
              .context()
              .redis()
              .await(memory.context().redis().commands().get(Keys.page(memory.id(), index)));
      if (page == null || page.length != Pages.PAGE_SIZE) {
        throw new StorageException(memory.id(), "page " + index + " is missing in Redis", null);
      }
      return page;
    } catch (RedisException e) {
      throw Scripts.failed(Keys.meta(memory.id()), "load", e);
    }
  }

  /**
   * The pages an action materialises, acquired from the ledger as it goes; pages it drops go back
   * to the pool for its later acquisitions. The commit settles what was acquired exactly.
   */
  private static final class LocalPool implements PageBudget {
    private final PageLedger ledger;
    private final long stamp;
    private long acquired;
    private long free;

    LocalPool(PageLedger ledger) {
      this.ledger = ledger;
      this.stamp = ledger.stamp();
    }

    @Override
    public void acquire(long pages) {
      if (pages > free) {
        ledger.acquire(pages - free);
        acquired += pages - free;
        free = 0;
      } else {
        free -= pages;
      }
    }

    @Override
    public void release(long pages) {
      free += pages;
    }

    /** Nothing written: everything acquired goes back. */
    void settle() {
      ledger.settle(stamp, acquired, 0, 0);
    }
  }
}
