package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link StagedWrite} through {@link MemoryInstance#writeFrom} over a {@link MapPageStore}: a whole
 * page of data landing on a page without storage is paid for while the stream is read, what a
 * failed stream staged goes back (to the store and to the budget), a stream too short or too long
 * is refused with what it got, a page that changed while the stream was read is paid for (or gives
 * its charge back) at the commit, a whole page over a stored page or of zeros costs nothing, and a
 * stream that ends on a page boundary touches no page past it. The streams here run code at a
 * chosen byte, as a slow client's would run meanwhile.
 */
class StagedWriteTest {
  private final CountingPageBudget budget = CountingPageBudget.unlimited();
  private final MapPageStore store = new MapPageStore(3);
  private final MemoryInstance memory =
      store.open(MemoryLimits.of(3, 3L), budget, new PageCache(8L * PAGE_SIZE));

  /** {@code bytes}, running {@code meanwhile} when a read starts at byte {@code at}. */
  private static InputStream stream(byte[] bytes, long at, Runnable meanwhile) {
    return new ByteArrayInputStream(bytes) {
      private long position;

      @Override
      public synchronized int read(byte[] target, int offset, int length) {
        if (position == at) {
          meanwhile.run();
        }
        int n = super.read(target, offset, length);
        position += Math.max(n, 0);
        return n;
      }
    };
  }

  @Test
  void aWholePageOfDataOnAPageWithoutStorageIsPaidForWhileTheStreamIsRead() throws IOException {
    memory.set(PAGE_SIZE, new byte[] {1});
    List<Long> held = new ArrayList<>();
    byte[] bytes = TestBytes.pattern(1, 2 * PAGE_SIZE + 10);

    LinearMemory.StreamWrite write =
        memory.writeFrom(
            0, bytes.length, stream(bytes, 2L * PAGE_SIZE, () -> held.add(budget.held())));

    assertThat(held).as("page 0 charged, page 1 stored already").containsExactly(2L);
    assertThat(write.length()).isEqualTo(bytes.length);
    assertThat(write.version()).isEqualTo(memory.version());
    assertThat(budget.held()).isEqualTo(3);
    assertThat(store.staged()).isZero();
    TestBytes.assertSameBytes(store.reopen(memory.limits()).get(0, bytes.length), bytes);
  }

  @Test
  void aStreamThatFailsGivesBackWhatItStaged() {
    long version = memory.version();
    byte[] bytes = TestBytes.pattern(2, 2 * PAGE_SIZE);
    InputStream failing =
        stream(
            bytes,
            PAGE_SIZE,
            () -> {
              throw new UncheckedFailure();
            });

    assertThatThrownBy(() -> memory.writeFrom(0, bytes.length, failing))
        .isInstanceOf(UncheckedFailure.class);

    assertThat(budget.held()).isZero();
    assertThat(store.staged()).isZero();
    assertThat(memory.version()).isEqualTo(version);
    assertThat(memory.materializedPages()).isZero();
  }

  private static final class UncheckedFailure extends RuntimeException {}

  @Test
  void aPageTheStoreRefusesToStageGivesBackItsCharge() {
    store.failNextStage();

    assertThatThrownBy(
            () -> memory.writeFrom(0, PAGE_SIZE, new ByteArrayInputStream(new byte[PAGE_SIZE + 1])))
        .isInstanceOf(IllegalStateException.class);
    byte[] data = TestBytes.filled(PAGE_SIZE, 1);
    store.failNextStage();
    assertThatThrownBy(() -> memory.writeFrom(0, PAGE_SIZE, new ByteArrayInputStream(data)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("disk full");

    assertThat(budget.held()).isZero();
    assertThat(store.staged()).isZero();
  }

  @Test
  void aStreamShorterThanAnnouncedSaysHowMuchItGot() {
    byte[] bytes = TestBytes.pattern(3, PAGE_SIZE + 3);

    assertThatThrownBy(() -> memory.writeFrom(0, PAGE_SIZE + 10, new ByteArrayInputStream(bytes)))
        .isInstanceOf(EOFException.class)
        .hasMessage("body ended after 65539 of 65546 announced bytes");
    assertThat(budget.held()).isZero();
    assertThat(store.staged()).isZero();
  }

  @Test
  void aStreamLongerThanTheRoomLeftIsRefusedWithTheLengthItOffered() {
    long at = 3L * PAGE_SIZE - 5;

    assertThatThrownBy(() -> memory.writeFrom(at, -1, new ByteArrayInputStream(new byte[9])))
        .isInstanceOfSatisfying(
            OutOfBoundsException.class,
            e -> {
              assertThat(e.field()).isEqualTo("offset");
              assertThat(e.offset()).isEqualTo(at);
              assertThat(e.length()).isEqualTo(6);
            });
    assertThat(memory.get(at, 5)).containsOnly(0);
  }

  @Test
  void aPageDroppedWhileTheStreamWasReadIsPaidForAtTheCommit() throws IOException {
    memory.set(0, new byte[] {1});
    byte[] bytes = TestBytes.pattern(4, PAGE_SIZE + 10);
    budget.limitTo(2);

    memory.writeFrom(0, bytes.length, stream(bytes, PAGE_SIZE, () -> memory.zero(0, PAGE_SIZE)));

    assertThat(budget.held()).isEqualTo(2);
    assertThat(memory.materializedPages()).isEqualTo(2);
    TestBytes.assertSameBytes(memory.get(0, bytes.length), bytes);
  }

  @Test
  void aPageFrozenWhileTheStreamWasReadKeepsItsBytesInTheSnapshot() throws IOException {
    MemoryInstance memory = MemoryInstance.create("m", MemoryLimits.of(3, 3L), budget);
    memory.set(0, new byte[] {1});
    byte[] bytes = TestBytes.pattern(5, PAGE_SIZE + 10);
    FrozenPages[] snapshot = new FrozenPages[1];
    budget.limitTo(3);

    memory.writeFrom(
        0, bytes.length, stream(bytes, PAGE_SIZE, () -> snapshot[0] = memory.freeze()));

    assertThat(budget.held()).as("the snapshot's page and the memory's two").isEqualTo(3);
    assertThat(memory.snapshotOnlyPages()).isEqualTo(1);
    TestBytes.assertSameBytes(memory.get(0, bytes.length), bytes);
    assertThat(snapshot[0].page(0)[0]).isEqualTo((byte) 1);
  }

  @Test
  void aPageStoredWhileTheStreamWasReadGivesBackItsStagedCharge() throws IOException {
    byte[] bytes = TestBytes.pattern(6, 2 * PAGE_SIZE);
    List<Long> held = new ArrayList<>();

    memory.writeFrom(
        0,
        bytes.length,
        stream(
            bytes,
            PAGE_SIZE,
            () -> {
              memory.set(0, new byte[] {1}); // page 0 was staged (and charged) as absent
              held.add(budget.held());
            }));

    assertThat(held).as("page 0 staged, and stored meanwhile").containsExactly(2L);
    assertThat(budget.held()).as("one charge per page").isEqualTo(2);
    assertThat(memory.materializedPages()).isEqualTo(2);
    TestBytes.assertSameBytes(memory.get(0, bytes.length), bytes);
  }

  @Test
  void aWholePageOverAStoredPageOrOfZerosCostsNothingEvenWithTheBudgetSpent() throws IOException {
    memory.set(0, new byte[] {1});
    memory.set(PAGE_SIZE, new byte[] {1});
    budget.exhaust();
    byte[] bytes = TestBytes.pattern(7, PAGE_SIZE);

    memory.writeFrom(0, PAGE_SIZE, new ByteArrayInputStream(bytes));
    memory.writeFrom(PAGE_SIZE, PAGE_SIZE, new ByteArrayInputStream(new byte[PAGE_SIZE]));
    memory.writeFrom(2L * PAGE_SIZE, PAGE_SIZE, new ByteArrayInputStream(new byte[PAGE_SIZE]));

    assertThat(budget.held()).as("page 1 dropped, page 2 never stored").isEqualTo(1);
    assertThat(memory.materializedPages()).isEqualTo(1);
    TestBytes.assertSameBytes(memory.get(0, PAGE_SIZE), bytes);
    TestBytes.assertAllBytes(memory.get(PAGE_SIZE, 2 * PAGE_SIZE), 0);
  }

  @Test
  void aStreamEndingOnAPageBoundaryLeavesThePageAfterItAlone() throws IOException {
    MemoryInstance memory = MemoryInstance.create("m", MemoryLimits.of(2, 2L), budget);
    memory.set(PAGE_SIZE, new byte[] {1});
    FrozenPages snapshot = memory.freeze();
    byte[] bytes = TestBytes.pattern(8, PAGE_SIZE);

    LinearMemory.StreamWrite write = memory.writeFrom(0, -1, new ByteArrayInputStream(bytes));

    assertThat(write.length()).isEqualTo(PAGE_SIZE);
    assertThat(memory.snapshotOnlyPages()).as("page 1 still shared with the snapshot").isZero();
    assertThat(budget.held()).isEqualTo(2);
    assertThat(memory.get(PAGE_SIZE, 1)).containsExactly(1);
    assertThat(snapshot.page(1)[0]).isEqualTo((byte) 1);
  }

  @Test
  void aStreamRefusedAtTheCommitGivesBackWhatItStaged() {
    memory.set(0, new byte[] {1});
    long version = memory.version();
    LinearMemory stale = memory.ifVersion(version - 1);
    byte[] bytes = TestBytes.pattern(9, PAGE_SIZE);

    assertThatThrownBy(() -> stale.writeFrom(PAGE_SIZE, PAGE_SIZE, new ByteArrayInputStream(bytes)))
        .isInstanceOf(VersionMismatchException.class);

    assertThat(budget.held()).isEqualTo(1);
    assertThat(store.staged()).isZero();
    assertThat(memory.version()).isEqualTo(version);
    assertThat(memory.get(PAGE_SIZE, 1)).containsExactly(0);
  }
}
