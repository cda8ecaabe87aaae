package dev.wasmmemory.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmmemory.memory.MemoryInstance;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.PageBudget;
import dev.wasmmemory.store.SnapshotStore.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What {@link InstanceSnapshots} does when its store cannot keep a snapshot (RocksDB refusing the
 * record): the take fails and leaves nothing behind, so the memory does not go on copying and
 * charging pages for a snapshot nobody holds.
 */
class InstanceSnapshotsTest {

  @Test
  void aSnapshotThatCannotBeSavedLeavesTheMemoryAsIfNoneWasTaken() {
    AtomicLong held = new AtomicLong();
    PageBudget budget =
        new PageBudget() {
          @Override
          public void acquire(long pages) {
            held.addAndGet(pages);
          }

          @Override
          public void release(long pages) {
            held.addAndGet(-pages);
          }
        };
    MemoryInstance memory = MemoryInstance.create("m", MemoryLimits.of(1, 1L), budget);
    memory.set(0, new byte[] {1, 2, 3});
    List<String> deleted = new ArrayList<>();
    InstanceSnapshots snapshots =
        new InstanceSnapshots(
            new InstanceSnapshots.Persistence() {
              @Override
              public void saved(Snapshot snapshot) {
                throw new IllegalStateException("disk full");
              }

              @Override
              public void deleted(Snapshot snapshot) {
                deleted.add(snapshot.record().id());
              }

              @Override
              public void freed(List<Object> pages) {}
            });

    assertThatThrownBy(() -> snapshots.take(memory, "s", Instant.EPOCH)).hasMessage("disk full");

    assertThat(snapshots.list("m")).isEmpty();
    assertThat(snapshots.find("s")).isEmpty();
    assertThat(snapshots.count()).isZero();
    assertThat(deleted).as("the store is told to drop what it may have kept").containsExactly("s");
    memory.set(0, new byte[] {9});
    assertThat(memory.snapshotOnlyPages()).isZero();
    assertThat(held.get()).as("pages charged: the write copied nothing").isEqualTo(1);
    assertThat(memory.get(0, 3)).containsExactly(9, 2, 3);
  }
}
