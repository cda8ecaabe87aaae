package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link MemoryInstance#exclusive} over a store ({@link MapPageStore}): an action that wrote
 * returns only once its commit is durable, and one whose commit the store refuses closes the
 * memory, gives back every page it took (the prepaid ones it did not use as well) and releases the
 * memory's lock; both also when the action threw after it wrote.
 */
class ExclusiveCommitTest {
  private static final MemoryLimits LIMITS = MemoryLimits.of(3, 3L);
  private final CountingPageBudget budget = CountingPageBudget.unlimited();
  private final MapPageStore store = new MapPageStore(3);
  private final MemoryInstance memory = store.open(LIMITS, budget, new PageCache(8L * PAGE_SIZE));

  @Test
  void anActionThatWroteReturnsOnceItsCommitIsDurable() {
    long before = memory.version();

    long seen =
        memory.exclusive(
            access -> {
              access.storeInt(8, 0x01020304);
              return access.version();
            });

    assertThat(seen).isEqualTo(before);
    assertThat(memory.version()).isEqualTo(before + 1).isEqualTo(store.version());
    assertThat(store.commits()).isEqualTo(1);
    assertThat(store.awaited()).isEqualTo(store.commits());
    assertThat(store.reopen(LIMITS).getBits(ValueType.U32, 8)).isEqualTo(0x01020304);
  }

  @Test
  void aCommitTheStoreRefusesClosesTheMemoryAndGivesBackEveryPage() {
    store.failNextCommit();

    assertThatThrownBy(
            () ->
                memory.exclusive(
                    access -> {
                      access.prepay(3);
                      access.storeByte(PAGE_SIZE + 1, (byte) 1);
                      return null;
                    }))
        .isInstanceOf(StorageException.class);

    assertThat(budget.held()).as("nothing is stored").isZero();
    assertThat(budget.overReleased()).isFalse();
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          assertThat(memory.failed()).as("the lock was released").isTrue();
          assertThat(memory.isClosed()).isTrue();
        });
    assertThat(store.commits()).isZero();
    assertThat(store.reopen(LIMITS).materializedPages()).isZero();
  }

  @Test
  void whatAnActionWroteBeforeItThrewIsCommittedAndDurable() {
    assertThatThrownBy(
            () ->
                memory.exclusive(
                    access -> {
                      access.storeByte(1, (byte) 5);
                      throw new IllegalStateException("the call trapped");
                    }))
        .hasMessage("the call trapped");

    assertThat(store.commits()).isEqualTo(1);
    assertThat(store.awaited()).isEqualTo(1);
    assertThat(store.reopen(LIMITS).get(1, 1)).containsExactly(5);
  }

  @Test
  void aThrowingActionWhoseCommitTheStoreRefusesGivesBackEveryPage() {
    store.failNextCommit();

    assertThatThrownBy(
            () ->
                memory.exclusive(
                    access -> {
                      access.prepay(2);
                      access.storeByte(1, (byte) 5);
                      throw new IllegalStateException("the call trapped");
                    }))
        .isInstanceOf(StorageException.class);

    assertThat(budget.held()).isZero();
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> assertThat(memory.failed()).as("the lock was released").isTrue());
  }
}
