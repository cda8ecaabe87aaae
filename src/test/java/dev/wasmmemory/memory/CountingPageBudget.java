package dev.wasmmemory.memory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link PageBudget} that counts what it lends and refuses past an adjustable limit, so a test
 * can see that every acquisition is given back and that a refused operation changed nothing.
 *
 * <p>Invariant: {@code held} is acquisitions minus releases and never negative; a release of more
 * than is held is a bug in the engine, remembered in {@code overReleased} (and thrown, so the
 * operation that did it fails loudly too).
 */
final class CountingPageBudget implements PageBudget {
  private final AtomicLong held = new AtomicLong();
  private volatile long limit;
  private volatile boolean overReleased;

  CountingPageBudget(long limit) {
    this.limit = limit;
  }

  static CountingPageBudget unlimited() {
    return new CountingPageBudget(Long.MAX_VALUE);
  }

  @Override
  public void acquire(long pages) {
    if (pages < 0) {
      throw new IllegalArgumentException("acquire of " + pages + " pages");
    }
    while (true) {
      long current = held.get();
      if (pages > limit - current) {
        throw new MemoryBudgetExceededException(pages, Math.max(0, limit - current));
      }
      if (held.compareAndSet(current, current + pages)) {
        return;
      }
    }
  }

  @Override
  public void release(long pages) {
    if (pages < 0) {
      throw new IllegalArgumentException("release of " + pages + " pages");
    }
    if (held.addAndGet(-pages) < 0) {
      overReleased = true;
      throw new IllegalStateException("released more pages than were acquired");
    }
  }

  /** Pages acquired and not yet released. */
  long held() {
    return held.get();
  }

  /** From now on, refuses any acquisition that would hold more than {@code pages} pages. */
  void limitTo(long pages) {
    limit = pages;
  }

  /** Refuses every further acquisition. */
  void exhaust() {
    limit = held.get();
  }

  boolean overReleased() {
    return overReleased;
  }
}
