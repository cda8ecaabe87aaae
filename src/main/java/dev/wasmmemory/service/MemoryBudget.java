package dev.wasmmemory.service;

import dev.wasmmemory.memory.MemoryBudgetExceededException;
import dev.wasmmemory.memory.PageBudget;
import dev.wasmmemory.memory.Pages;
import java.util.concurrent.atomic.AtomicLong;

/** The service-wide budget of materialised pages, shared by every memory. Lock-free. */
public final class MemoryBudget implements PageBudget {
  private final long limitPages;

  /** Pages held by all memories; above {@link #limitPages} only when a store held more at start. */
  private final AtomicLong usedPages = new AtomicLong();

  public MemoryBudget(long limitBytes) {
    this.limitPages = Math.max(0, limitBytes) / Pages.PAGE_SIZE;
  }

  @Override
  public void acquire(long pages) {
    long used;
    do {
      used = usedPages.get();
      if (pages > limitPages - used) {
        throw new MemoryBudgetExceededException(pages, limitPages - used);
      }
    } while (!usedPages.compareAndSet(used, used + pages));
  }

  @Override
  public void acquireStored(long pages) {
    usedPages.addAndGet(pages);
  }

  @Override
  public void release(long pages) {
    usedPages.addAndGet(-pages);
  }

  public long limitBytes() {
    return Pages.toBytes(limitPages);
  }

  public long usedBytes() {
    return Pages.toBytes(usedPages.get());
  }

  public long availableBytes() {
    return limitBytes() - usedBytes();
  }
}
