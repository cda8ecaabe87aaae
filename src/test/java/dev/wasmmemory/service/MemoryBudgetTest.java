package dev.wasmmemory.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmmemory.memory.MemoryBudgetExceededException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The service-wide budget of materialised pages. */
class MemoryBudgetTest {
  private static final long PAGE = 65536;

  @Test
  void aNewBudgetHasNothingUsed() {
    MemoryBudget budget = new MemoryBudget(4 * PAGE);
    assertThat(budget.limitBytes()).isEqualTo(4 * PAGE);
    assertThat(budget.usedBytes()).isZero();
    assertThat(budget.availableBytes()).isEqualTo(4 * PAGE);
  }

  @ParameterizedTest(name = "{0} bytes -> {1} pages")
  @CsvSource({"0, 0", "65535, 0", "65536, 1", "100000, 1", "262144, 4", "-1, 0", "-65536, 0"})
  void theLimitIsRoundedDownToWholePages(long bytes, long pages) {
    assertThat(new MemoryBudget(bytes).limitBytes()).isEqualTo(pages * PAGE);
  }

  @Test
  void acquireAndReleaseAreCountedInPages() {
    MemoryBudget budget = new MemoryBudget(4 * PAGE);
    budget.acquire(2);
    assertThat(budget.usedBytes()).isEqualTo(2 * PAGE);
    assertThat(budget.availableBytes()).isEqualTo(2 * PAGE);
    budget.release(1);
    assertThat(budget.usedBytes()).isEqualTo(PAGE);
  }

  @Test
  void acquiringUpToTheLimitSucceeds() {
    MemoryBudget budget = new MemoryBudget(4 * PAGE);
    budget.acquire(1);
    budget.acquire(3);
    assertThat(budget.usedBytes()).isEqualTo(4 * PAGE);
    assertThat(budget.availableBytes()).isZero();
  }

  @Test
  void acquiringPastTheLimitIsRefusedAndTakesNothing() {
    MemoryBudget budget = new MemoryBudget(4 * PAGE);
    budget.acquire(3);
    assertThatThrownBy(() -> budget.acquire(2))
        .isInstanceOfSatisfying(
            MemoryBudgetExceededException.class,
            e -> {
              assertThat(e.requestedPages()).isEqualTo(2);
              assertThat(e.availablePages()).isEqualTo(1);
            });
    assertThat(budget.usedBytes()).isEqualTo(3 * PAGE);
    budget.acquire(1);
    assertThat(budget.availableBytes()).isZero();
  }

  @Test
  void aHugeRequestIsRefusedWithoutOverflow() {
    MemoryBudget budget = new MemoryBudget(4 * PAGE);
    budget.acquire(1);
    assertThatThrownBy(() -> budget.acquire(Long.MAX_VALUE))
        .isInstanceOf(MemoryBudgetExceededException.class);
    assertThat(budget.usedBytes()).isEqualTo(PAGE);
  }

  @Test
  void acquiringNothingSucceedsEvenWhenFull() {
    MemoryBudget budget = new MemoryBudget(PAGE);
    budget.acquire(1);
    budget.acquire(0);
    assertThat(budget.usedBytes()).isEqualTo(PAGE);
  }

  @Test
  void aZeroBudgetRefusesEveryPage() {
    MemoryBudget budget = new MemoryBudget(0);
    assertThatThrownBy(() -> budget.acquire(1)).isInstanceOf(MemoryBudgetExceededException.class);
    assertThat(budget.usedBytes()).isZero();
  }

  @Test
  void releasedPagesCanBeAcquiredAgain() {
    MemoryBudget budget = new MemoryBudget(2 * PAGE);
    budget.acquire(2);
    budget.release(2);
    budget.acquire(2);
    assertThat(budget.usedBytes()).isEqualTo(2 * PAGE);
  }

  @Test
  void concurrentAcquiresNeverPassTheLimitAndLoseNoPage() throws Exception {
    long limit = 1000;
    MemoryBudget budget = new MemoryBudget(limit * PAGE);
    int threads = 6;
    AtomicLong granted = new AtomicLong();
    runConcurrently(
        threads,
        worker -> {
          for (int i = 0; i < 500; i++) {
            try {
              budget.acquire(1);
              granted.incrementAndGet();
            } catch (MemoryBudgetExceededException refused) {
              // the budget is spent: expected once 1000 pages are out
            }
          }
        });
    assertThat(granted.get()).isEqualTo(limit);
    assertThat(budget.usedBytes()).isEqualTo(limit * PAGE);
  }

  @Test
  void concurrentAcquiresAndReleasesStayWithinTheLimitAndBalance() throws Exception {
    long limit = 64;
    MemoryBudget budget = new MemoryBudget(limit * PAGE);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong highest = new AtomicLong();
    Thread watcher =
        new Thread(
            () -> {
              while (running.get()) {
                highest.accumulateAndGet(budget.usedBytes(), Math::max);
              }
            });
    watcher.start();
    try {
      runConcurrently(
          6,
          worker -> {
            SplittableRandom random = new SplittableRandom(worker);
            for (int i = 0; i < 20_000; i++) {
              long pages = 1 + random.nextInt(8);
              try {
                budget.acquire(pages);
                budget.release(pages);
              } catch (MemoryBudgetExceededException refused) {
                // others hold the pages for now
              }
            }
          });
    } finally {
      running.set(false);
      watcher.join();
    }
    assertThat(highest.get()).isLessThanOrEqualTo(limit * PAGE);
    assertThat(budget.usedBytes()).isZero();
  }

  interface Worker {
    void run(int worker) throws Exception;
  }

  /** Starts {@code threads} workers at once and waits for all of them. */
  static void runConcurrently(int threads, Worker work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int worker = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  work.run(worker);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
