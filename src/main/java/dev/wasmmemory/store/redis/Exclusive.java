package dev.wasmmemory.store.redis;

import dev.wasmmemory.memory.DetachedPages;
import dev.wasmmemory.memory.LinearMemory.MemoryAction;
import dev.wasmmemory.memory.LinearMemory.MultiMemoryAction;
import dev.wasmmemory.memory.MemoryAccess;
import dev.wasmmemory.memory.PageBudget;
import dev.wasmmemory.memory.PageCommit;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.memory.StorageException;
import dev.wasmmemory.memory.VersionMismatchException;
import io.lettuce.core.RedisException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code exclusive} on Redis (a WebAssembly call, a batch): lease the memory, run the action
 * against the engine's {@link DetachedPages} (pages loaded on first use, under the lease no one
 * else changes them), then commit every changed page, the size and one version step in one {@code
 * wm4_apply} with the lease's token, which also ends the lease. Other writers wait meanwhile;
 * readers see the memory before the action or after it, never in between. An action that throws
 * keeps what it wrote, as on the heap. Pages the action materialises are acquired from the memory's
 * ledger as it goes (and pages it drops reused), so the budget refuses in the action.
 *
 * <p>On several memories (a call that uses several) each lives under its own hash tag, in its own
 * slot and maybe on its own primary, so no one function call can commit them all. They are leased
 * one by one in id order, the action runs on all, and the commit is fenced ({@code wm4_fence} in
 * {@code wasmmemory.lua}): every written memory but the first is fenced, so that reads of it wait,
 * then the first is committed (the instant the action takes effect on all of them), then the
 * others, each commit lifting its fence. A reader never sees one memory's new state and another's
 * old one. What this cannot give is atomicity against a crash between two commits: the memories
 * committed keep the action's stores, the others lose theirs when the lease and fence expire.
 */
final class Exclusive {
  private Exclusive() {}

  static <T> T run(RedisMemory memory, MemoryAction<T> action) {
    return run(List.of(memory), accesses -> action.run(accesses.get(0)));
  }

  /**
   * {@code memories} distinct, in id order: each lease is waited for while the earlier ones are
   * held, which cannot deadlock since every action on several memories takes them in that order and
   * a transfer never waits while it holds a lease.
   */
  static <T> T run(List<RedisMemory> memories, MultiMemoryAction<T> action) {
    List<Held> held = new ArrayList<>(memories.size());
    try {
      for (RedisMemory memory : memories) {
        held.add(Held.lease(memory));
      }
      try {
        return inside(held, 0, new ArrayList<>(held.size()), action);
      } finally {
        commitAll(held);
      }
    } finally {
      for (Held h : held) {
        h.lease.release();
      }
    }
  }

  private static <T> T inside(
      List<Held> held, int next, List<MemoryAccess> accesses, MultiMemoryAction<T> action) {
    if (next == held.size()) {
      return action.run(List.copyOf(accesses));
    }
    Held h = held.get(next);
    return h.pages.run(
        h.lease.version(),
        access -> {
          accesses.add(access);
          return inside(held, next + 1, accesses, action);
        });
  }

  /** Fences the written memories after the first, commits the first, then the others. */
  private static void commitAll(List<Held> held) {
    List<Held> written = new ArrayList<>();
    for (Held h : held) {
      if (h.pages.wrote()) {
        written.add(h);
      }
    }
    try {
      for (int i = 1; i < written.size(); i++) {
        written.get(i).fence();
      }
      for (Held h : written) {
        h.settled = true; // a commit settles its ledger whatever its outcome
        commit(h.memory, h.lease, h.pages, h.pool);
      }
    } finally {
      for (Held h : held) {
        if (!h.settled) {
          h.pool.settle();
        }
      }
    }
  }

  /** One leased memory of an action: its lease, its pages here, what they took from the budget. */
  private static final class Held {
    final RedisMemory memory;
    final MemoryLease lease;
    final LocalPool pool;
    final DetachedPages pages;
    boolean settled;

    private Held(RedisMemory memory, MemoryLease lease) {
      this.memory = memory;
      this.lease = lease;
      this.pool = new LocalPool(memory.ledger());
      this.pages =
          new DetachedPages(
              memory.id(),
              memory.limits(),
              lease.pages(),
              lease.stored(),
              index -> load(memory, index),
              pool);
    }

    static Held lease(RedisMemory memory) {
      MemoryLease lease = MemoryLease.take(memory, new MemoryLease.Reading(0, -1, true));
      try {
        long expected = memory.mutator().expected();
        if (expected >= 0 && expected != lease.version()) {
          throw new VersionMismatchException(memory.id(), expected, lease.version());
        }
        return new Held(memory, lease);
      } catch (RuntimeException e) {
        lease.release();
        throw e;
      }
    }

    /** Reads without a lease wait from now until this memory's commit (or release). */
    void fence() {
      StoreContext context = memory.context();
      Reply reply =
          context
              .scripts()
              .call(
                  "fence",
                  Keys.meta(memory.id()),
                  lease.token(),
                  context.settings().leaseTtl().toMillis());
      if (!reply.ok()) {
        throw new StorageException(
            memory.id(),
            "the lease on memory " + memory.id() + " expired before its commit: nothing written",
            null);
      }
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
