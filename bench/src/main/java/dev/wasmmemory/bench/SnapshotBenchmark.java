package dev.wasmmemory.bench;

import dev.wasmmemory.memory.FrozenPages;
import dev.wasmmemory.memory.MemoryInstance;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.PageBudget;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.service.search.Search;
import dev.wasmmemory.service.search.SearchQuery;
import dev.wasmmemory.service.search.SearchResult;
import dev.wasmmemory.service.snapshot.Diff;
import dev.wasmmemory.service.snapshot.Differ;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 12's targets on the heap engine: a snapshot of a 4 GiB memory holding 1,000 written pages
 * (taken and deleted again, so that every operation starts from the same state; {@code -prof gc}
 * gives the heap it allocates), the diff of two such snapshots 10 pages apart, and a search of 1
 * GiB of written pages for a pattern that is not there (every byte is read).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@State(Scope.Benchmark)
public class SnapshotBenchmark {
  private static final int WRITTEN = 1000;

  private MemoryInstance full;
  private FrozenPages before;
  private FrozenPages after;
  private MemoryInstance gigabyte;
  private SearchQuery absent;

  @Setup(Level.Trial)
  public void setUp() {
    full = MemoryInstance.create("full", MemoryLimits.of(65536, null), PageBudget.UNLIMITED);
    SplittableRandom random = new SplittableRandom(7);
    byte[] page = new byte[Pages.PAGE_SIZE];
    for (int i = 0; i < WRITTEN; i++) {
      random.nextBytes(page);
      full.set(Pages.toBytes(i * 65L), page);
    }
    before = full.freeze();
    for (int i = 0; i < 10; i++) {
      full.set(Pages.toBytes(i * 650L) + 100, new byte[] {1, 2, 3});
    }
    after = full.freeze();

    gigabyte = MemoryInstance.create("gib", MemoryLimits.of(16384, null), PageBudget.UNLIMITED);
    for (int i = 0; i < 16384; i++) {
      random.nextBytes(page);
      for (int b = 0; b < page.length; b++) {
        page[b] = (byte) (page[b] & 0x7f); // never 0xff: the pattern below is absent
      }
      gigabyte.set(Pages.toBytes(i), page);
    }
    absent =
        new SearchQuery(
            new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, 1, 0, -1, 100);
  }

  @Benchmark
  public FrozenPages snapshotOf4GiBWith1000Pages() {
    FrozenPages taken = full.freeze();
    full.releaseSnapshot(taken, List.of(before, after));
    return taken;
  }

  @Benchmark
  public Diff diffOfTenChangedPages() {
    return Differ.between("a", "b", before, after, 10_000);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public SearchResult searchOf1GiBWrittenPages() {
    return Search.run(gigabyte, absent);
  }
}
