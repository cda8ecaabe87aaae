package dev.wasmmemory.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmmemory.memory.SnapshotPropertyTest.Step;
import dev.wasmmemory.store.Durability;
import dev.wasmmemory.store.SnapshotStore;
import dev.wasmmemory.store.rocksdb.RocksMemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link SnapshotPropertyTest}'s steps on the RocksDB store, through its {@link SnapshotStore},
 * with a cache of two pages (so pages come and go from the disk) and restarts among the steps:
 * after each, the memory and every snapshot read back as the model says, and the pages the
 * restarted store charges are those the running one had charged. At the end, deleting the snapshots
 * and the memory leaves no block on disk and nothing charged.
 */
class RocksSnapshotPropertyTest {

  @Provide
  Arbitrary<List<Step>> steps() {
    return SnapshotPropertyTest.steps();
  }

  /** The store under test, opened again by {@link #restart}. */
  private static final class Rocks implements SnapshotPropertyTest.Subject {
    private final Path dir;
    private RocksMemoryStore store;
    private CountingPageBudget budget;
    private final String id;

    Rocks(Path dir) {
      this.dir = dir;
      open();
      id = store.create(MemoryLimits.of(1, (long) SnapshotPropertyTest.MAX_PAGES), null).id();
    }

    private void open() {
      budget = CountingPageBudget.unlimited();
      store =
          RocksMemoryStore.open(
              dir, Durability.PROCESS, budget, new PageCache(2L * Pages.PAGE_SIZE));
    }

    SnapshotStore snapshots() {
      return store.snapshots().orElseThrow();
    }

    @Override
    public LinearMemory memory() {
      return store.find(id).orElseThrow();
    }

    @Override
    public Object take() {
      String sid = UUID.randomUUID().toString();
      snapshots().take(memory(), sid, Instant.now().truncatedTo(ChronoUnit.MILLIS));
      return sid;
    }

    @Override
    public void delete(Object snapshot, List<Object> remaining) {
      assertThat(snapshots().delete(memory(), (String) snapshot)).isTrue();
    }

    @Override
    public void restore(Object snapshot) {
      snapshots().restore(memory(), snapshots().find((String) snapshot).orElseThrow());
    }

    @Override
    public byte[] read(Object snapshot) throws Exception {
      return SnapshotPropertyTest.bytesOf(
          snapshots().find((String) snapshot).orElseThrow().pages());
    }

    @Override
    public void restart() {
      memory(); // opened, so that its charges are the running ones
      long held = budget.held();
      long stored = store.storedBytes();
      store.close();
      open();
      assertThat(budget.held()).as("pages charged after a restart").isEqualTo(held);
      assertThat(store.storedBytes()).as("bytes stored after a restart").isEqualTo(stored);
    }
  }

  @Property(tries = 40)
  void snapshotsSurviveRestartsAndLeakNoBlock(@ForAll("steps") List<Step> steps) throws Exception {
    check(steps);
  }

  /** Found by the property: a stored page written back to zeros has a block but no chunk. */
  @Example
  void aStoredPageOfZerosIsNoLeak() throws Exception {
    check(List.of(new Step(1, 0, 1, 1), new Step(1, 0, 1, 0)));
  }

  private static void check(List<Step> steps) throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "snapshots-");
    Rocks rocks = new Rocks(dir);
    try {
      List<Object> snapshots = SnapshotPropertyTest.run(rocks, steps, null);
      rocks.restart();
      for (Object snapshot : List.copyOf(snapshots)) {
        rocks.delete(snapshot, List.of());
      }
      LinearMemory memory = rocks.memory();
      // A stored page of zeros keeps no chunk, so it is not seen by the scan: at most, then.
      assertThat(rocks.store.blocksOnDisk()).isLessThanOrEqualTo(memory.materializedPages());
      assertThat(rocks.budget.held()).isEqualTo(memory.materializedPages());
      assertThat(rocks.store.delete(memory)).isTrue();
      assertThat(rocks.store.blocksOnDisk()).isZero();
      assertThat(rocks.budget.held()).isZero();
      assertThat(rocks.store.storedBytes()).isZero();
    } finally {
      rocks.store.close();
      try (var files = Files.walk(dir)) {
        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }
}
