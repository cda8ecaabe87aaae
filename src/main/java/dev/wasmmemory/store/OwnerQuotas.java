package dev.wasmmemory.store;

import dev.wasmmemory.memory.PageBudget;
import dev.wasmmemory.memory.Pages;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The budgets the heap and RocksDB stores charge a memory's pages to: the global one, composed with
 * the budget of the memory's owner when {@code memory.quota.budget} is set. A store asks for an
 * owner's budget whenever it opens a memory (after a restart too), so every memory of an owner is
 * charged to the same one. Exact under concurrency: a page is taken from the owner's budget by
 * compare-and-set and only then from the global one, and given back to the owner when the global
 * budget refuses it.
 */
public final class OwnerQuotas {
  private final PageBudget global;
  private final long budgetPages;
  private final int maxMemories;
  private final Map<String, PageBudget> owners = new ConcurrentHashMap<>();

  private OwnerQuotas(PageBudget global, long budgetPages, int maxMemories) {
    this.global = global;
    this.budgetPages = budgetPages;
    this.maxMemories = maxMemories;
  }

  /** No quota: every memory is charged to {@code global} only. */
  public static OwnerQuotas none(PageBudget global) {
    return new OwnerQuotas(global, -1, Integer.MAX_VALUE);
  }

  /** Each owner's memories charged to a budget of {@code quota.budgetBytes()}, then to global. */
  public static OwnerQuotas of(PageBudget global, Quota quota) {
    return new OwnerQuotas(
        global,
        quota.limitsBytes() ? quota.budgetBytes() / Pages.PAGE_SIZE : -1,
        quota.limitsCount() ? quota.maxMemories() : Integer.MAX_VALUE);
  }

  /** The budget the memories of {@code owner} are charged to (null: no owner, the global one). */
  public PageBudget budgetOf(String owner) {
    if (owner == null || budgetPages < 0) {
      return global;
    }
    return owners.computeIfAbsent(owner, ignored -> new OwnerBudget(budgetPages, global));
  }

  /** The memories an owner may hold ({@link Integer#MAX_VALUE} when unlimited). */
  public int maxMemories() {
    return maxMemories;
  }

  /**
   * Throws the quota's exception when {@code owner}, who holds {@code held}, may not make one more.
   */
  public void checkCount(String owner, long held) {
    if (owner != null && held >= maxMemories) {
      throw tooMany(maxMemories);
    }
  }

  /** The owner holds {@code max} memories, all its quota allows. */
  public static OwnerQuotaExceededException tooMany(long max) {
    return new OwnerQuotaExceededException(
        OwnerQuotaExceededException.Kind.MEMORIES,
        max,
        "the owner holds " + max + " memories, as many as memory.quota.max-memories allows");
  }

  /** One owner's pages, taken before the global budget's and given back with them. */
  private static final class OwnerBudget implements PageBudget {
    private final long limitPages;
    private final PageBudget global;
    private final AtomicLong used = new AtomicLong();

    OwnerBudget(long limitPages, PageBudget global) {
      this.limitPages = limitPages;
      this.global = global;
    }

    @Override
    public void acquire(long pages) {
      long held;
      do {
        held = used.get();
        if (pages > limitPages - held) {
          throw exceeded(pages, limitPages - held, limitPages);
        }
      } while (!used.compareAndSet(held, held + pages));
      try {
        global.acquire(pages);
      } catch (RuntimeException e) {
        used.addAndGet(-pages);
        throw e;
      }
    }

    @Override
    public void acquireStored(long pages) {
      used.addAndGet(pages);
      global.acquireStored(pages);
    }

    @Override
    public void release(long pages) {
      used.addAndGet(-pages);
      global.release(pages);
    }
  }

  /** The owner's byte quota refuses {@code pages} more pages. */
  public static OwnerQuotaExceededException exceeded(long pages, long available, long limit) {
    return new OwnerQuotaExceededException(
        OwnerQuotaExceededException.Kind.BUDGET,
        Pages.toBytes(limit),
        "the owner's quota (memory.quota.budget) is exceeded: "
            + pages
            + " more pages needed, "
            + Math.max(0, available)
            + " available");
  }
}
