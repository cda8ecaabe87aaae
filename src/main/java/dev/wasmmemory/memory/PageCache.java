package dev.wasmmemory.memory;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the pages that memories over persistent stores keep in the heap, across all of them
 * ({@code memory.cache-size}). Clean pages are dropped from the heap oldest first (first in, first
 * out: a page read on the optimistic fast path is not tracked, so a hot page may be dropped and
 * loaded again, at the cost of one load per pass through the cache). A page is only dropped under
 * its memory's write lock, taken without waiting: a page in use by an operation stays, so the bound
 * may be passed for the length of an operation that holds more pages than the cache.
 *
 * <p>Memories over the heap store never enter the cache: the heap is their only copy.
 */
public final class PageCache {
  /** What holds cached pages: a memory, which drops one from the heap if it can. */
  interface Owner {
    /** Drops page {@code index} from the heap if it is there, clean and not locked. */
    Eviction tryEvict(int index);

    /** Whether page {@code index} is in the heap now (racy: a hint for tidying the queue). */
    boolean holds(int index);
  }

  enum Eviction {
    EVICTED,
    NOT_CACHED,
    BUSY
  }

  private record Entry(Owner owner, int index) {}

  /** How many entries one admission may look at beyond the one it evicts. */
  private static final int MAX_ATTEMPTS = 64;

  private final long capacityPages;
  private final AtomicLong cached = new AtomicLong();
  private final AtomicLong queued = new AtomicLong();

  /** Candidates for eviction, oldest first; may hold entries of pages no longer cached. */
  private final ConcurrentLinkedQueue<Entry> queue = new ConcurrentLinkedQueue<>();

  public PageCache(long capacityBytes) {
    this.capacityPages = Math.max(1, capacityBytes / Pages.PAGE_SIZE);
  }

  public long capacityBytes() {
    return Pages.toBytes(capacityPages);
  }

  /** Bytes of pages held in the heap now. */
  public long cachedBytes() {
    return Pages.toBytes(cached.get());
  }

  /** Page {@code index} of {@code owner} entered the heap. */
  void admitted(Owner owner, int index) {
    cached.incrementAndGet();
    queue.add(new Entry(owner, index));
    long length = queued.incrementAndGet();
    if (cached.get() > capacityPages || length > 2 * capacityPages + 1024) {
      shrink();
    }
  }

  /** {@code pages} pages left the heap (dropped, evicted, or their memory closed). */
  void released(long pages) {
    cached.addAndGet(-pages);
  }

  /** Evicts pages while the cache holds more than it may (a memory's lock was just released). */
  void balance() {
    if (cached.get() > capacityPages) {
      shrink();
    }
  }

  private void shrink() {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      boolean over = cached.get() > capacityPages;
      if (!over && queued.get() <= 2 * capacityPages) {
        return;
      }
      Entry entry = queue.poll();
      if (entry == null) {
        return;
      }
      queued.decrementAndGet();
      boolean keep =
          over
              ? entry.owner().tryEvict(entry.index()) == Eviction.BUSY
              : entry.owner().holds(entry.index());
      if (keep) {
        // Still cached: back to the end of the line.
        queue.add(entry);
        queued.incrementAndGet();
      }
    }
  }
}
