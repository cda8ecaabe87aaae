package dev.wasmmemory.memory;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A persistent {@link PageStore} kept in a map, for the engine's own tests: it holds what was
 * committed (copies, never the heap's arrays), so a memory over it with a tiny {@link PageCache}
 * exercises loading, eviction, staging and snapshots, and {@link #reopen} shows exactly what a
 * restart would find. Checks the engine's side of the contract as it goes: a page committed as
 * written is 64 KiB, and only pages that changed are reported. Each commit answers its number as
 * its durability token, and {@link #awaited} tells which tokens the engine waited for; {@link
 * #staged} counts staged pages neither installed nor discarded yet. It keeps snapshots the way a
 * real store does: a page's identity is its stored array, which is never written again once a
 * snapshot holds it (a detached page is stored anew), and a stored page a commit drops or replaces
 * by an installed page is deleted, its array wiped, unless the commit says it is {@link
 * PageCommit#detached} (as RocksPageStore frees its block): a snapshot then reads the wipe.
 */
final class MapPageStore implements PageStore {
  private record Staged(int index, byte[] copy) implements StagedPage {
    @Override
    public boolean zero() {
      return copy == null;
    }

    @Override
    public byte[] heapData() {
      return null;
    }
  }

  private final Map<Integer, byte[]> pages = new HashMap<>();
  private int count;
  private long version;
  private int materialized;
  private int commits;
  private long awaited;
  private int staged;
  private boolean failNext;
  private boolean failNextStage;
  private BitSet lastReleased;
  private int openSources;
  private int erases;

  MapPageStore(int count) {
    this.count = count;
  }

  /** Memories over stores of their own, sharing one cache of a few pages. */
  static final class Factory implements MemoryFactory {
    private final PageCache cache;
    private final Map<LinearMemory, MapPageStore> stores = new IdentityHashMap<>();

    Factory(int cachePages) {
      this.cache = new PageCache((long) cachePages * Pages.PAGE_SIZE);
    }

    @Override
    public synchronized LinearMemory alloc(
        long initialPages, Long maximumPages, PageBudget budget) {
      MemoryLimits limits = MemoryLimits.of(initialPages, maximumPages);
      MapPageStore store = new MapPageStore(limits.initialPages());
      MemoryInstance memory = store.open(limits, budget, cache);
      stores.put(memory, store);
      return memory;
    }

    @Override
    public synchronized LinearMemory reopen(LinearMemory memory) {
      return stores.get(memory).reopen(memory.limits());
    }
  }

  synchronized MemoryInstance open(MemoryLimits limits, PageBudget budget, PageCache cache) {
    BitSet stored = new BitSet();
    pages.keySet().forEach(stored::set);
    return MemoryInstance.open(
        "map-" + System.identityHashCode(this),
        limits,
        count,
        version,
        stored,
        budget,
        this,
        cache);
  }

  /** The memory as a restart would find it: opened afresh from what was committed. */
  MemoryInstance reopen(MemoryLimits limits) {
    return open(limits, PageBudget.UNLIMITED, new PageCache(Pages.PAGE_SIZE));
  }

  /** The next commit fails, as on a full disk, and stores nothing. */
  synchronized void failNextCommit() {
    failNext = true;
  }

  /** The next stage fails, as on a full disk. */
  synchronized void failNextStage() {
    failNextStage = true;
  }

  /** Staged pages of data neither installed by a commit nor discarded. */
  synchronized int staged() {
    return staged;
  }

  synchronized int commits() {
    return commits;
  }

  synchronized long version() {
    return version;
  }

  /** The highest durability token awaited so far (0: none). */
  synchronized long awaited() {
    return awaited;
  }

  @Override
  public boolean persistent() {
    return true;
  }

  @Override
  public synchronized byte[] load(int index) {
    byte[] page = pages.get(index);
    if (page == null) {
      throw new IllegalStateException("page " + index + " is not stored");
    }
    return page.clone();
  }

  @Override
  public synchronized StagedPage stage(int index, byte[] data) {
    if (failNextStage) {
      failNextStage = false;
      throw new IllegalStateException("disk full");
    }
    if (data != null) {
      staged++; // a page of zeros is dropped, never installed
    }
    return new Staged(index, data == null ? null : data.clone());
  }

  @Override
  public synchronized void discard(StagedPage page) {
    if (!page.zero()) {
      staged--;
    }
  }

  @Override
  public synchronized long commit(PageCommit commit) {
    if (failNext) {
      failNext = false;
      throw new IllegalStateException("disk full");
    }
    if (commit.version() <= version) {
      throw new IllegalStateException("version " + commit.version() + " after " + version);
    }
    if (commit.erased()) {
      pages.clear();
      erases++;
    }
    commit.forEachChange(
        new PageCommit.ChangeVisitor() {
          @Override
          public void written(int index, int chunkMask, byte[] page) {
            if (page.length != Pages.PAGE_SIZE || chunkMask == 0) {
              throw new IllegalStateException("page " + index + " written with mask " + chunkMask);
            }
            byte[] stored = commit.detached(index) ? null : pages.get(index);
            if (stored == null) { // a snapshot's page is never written: it gets a new one
              stored = new byte[Pages.PAGE_SIZE];
              pages.put(index, stored);
            }
            for (int c = 0; c < Pages.CHUNKS_PER_PAGE; c++) {
              if ((chunkMask & (1 << c)) != 0) {
                int from = c * Pages.CHUNK_SIZE;
                System.arraycopy(page, from, stored, from, Pages.CHUNK_SIZE);
              }
            }
          }

          @Override
          public void dropped(int index) {
            delete(pages.remove(index), commit.detached(index));
          }

          @Override
          public void installed(StagedPage page) {
            staged--;
            delete(
                pages.put(page.index(), ((Staged) page).copy().clone()),
                commit.detached(page.index()));
          }
        });
    count = commit.pages();
    version = commit.version();
    materialized = commit.materializedPages();
    if (materialized != pages.size()) {
      throw new IllegalStateException(materialized + " pages materialised, " + pages.size());
    }
    commits++;
    return commits;
  }

  /** A stored page no one holds any more: its storage is freed, which a reader of it would see. */
  private static void delete(byte[] old, boolean detached) {
    if (old != null && !detached) {
      Arrays.fill(old, WIPED);
    }
  }

  /** What a deleted page reads as: a snapshot that still reads it was not kept as it must be. */
  static final byte WIPED = (byte) 0xDE;

  @Override
  public synchronized void awaitDurable(long token) {
    if (token <= 0 || token > commits) {
      throw new IllegalStateException("token " + token + " was never answered");
    }
    awaited = Math.max(awaited, token);
  }

  /** Commits that erased the memory first. */
  synchronized int erases() {
    return erases;
  }

  /** Sources of {@link #openSnapshot} not closed yet. */
  synchronized int openSources() {
    return openSources;
  }

  /** The pages the last restore said no one holds any more; null before any restore. */
  synchronized BitSet lastReleased() {
    return lastReleased;
  }

  @Override
  public synchronized Object pageIdentity(int index) {
    return pages.get(index);
  }

  @Override
  public synchronized PageSource freezeSource() {
    Map<Integer, byte[]> blocks = new HashMap<>(pages);
    return new PageSource() {
      @Override
      public byte[] load(int index) {
        return blocks.get(index).clone();
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public synchronized long restore(
      FrozenPages snapshot, long version, int materializedPages, BitSet released) {
    if (version <= this.version || materializedPages != snapshot.storedPages()) {
      throw new IllegalStateException("restore at " + version + " of " + materializedPages);
    }
    pages.clear();
    for (int i = 0; i < snapshot.pages(); i++) {
      if (snapshot.identity(i) != null) {
        pages.put(i, (byte[]) snapshot.identity(i));
      }
    }
    count = snapshot.pages();
    this.version = version;
    materialized = materializedPages;
    lastReleased = (BitSet) released.clone();
    commits++;
    return commits;
  }

  @Override
  public synchronized PageSource openSnapshot() {
    Map<Integer, byte[]> copy = new HashMap<>();
    pages.forEach((index, page) -> copy.put(index, page.clone()));
    openSources++;
    return new PageSource() {
      @Override
      public byte[] load(int index) {
        byte[] page = copy.get(index);
        return page == null ? null : Arrays.copyOf(page, page.length);
      }

      @Override
      public void close() {
        synchronized (MapPageStore.this) {
          openSources--;
        }
      }
    };
  }
}
