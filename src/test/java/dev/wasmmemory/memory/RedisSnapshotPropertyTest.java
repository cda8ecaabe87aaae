package dev.wasmmemory.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasmmemory.memory.SnapshotPropertyTest.Step;
import dev.wasmmemory.store.SnapshotStore;
import dev.wasmmemory.store.redis.RedisTestServers;
import dev.wasmmemory.store.redis.RedisTestStores;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.StringCodec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * {@link SnapshotPropertyTest}'s steps on the Redis store (the shared test cluster), through its
 * {@link SnapshotStore}, under a budget of a few pages: every refused step changes nothing, the
 * memory and every snapshot read back as the model says, and a "restart" hands the snapshots to the
 * second replica's store, which must see the same ones. At the end, deleting the snapshots gives
 * back every page they saved, and deleting the memory leaves no key of it and nothing charged.
 */
class RedisSnapshotPropertyTest {

  @BeforeContainer
  static void needsRedis() {
    RedisTestServers.missing().ifPresent(why -> assumeTrue(false, why));
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    return SnapshotPropertyTest.steps();
  }

  /** The memory on the first replica; snapshots through one replica or the other. */
  private static final class Redis implements SnapshotPropertyTest.Subject {
    private final LinearMemory memory;
    private SnapshotStore snapshots = RedisTestStores.cluster().snapshots().orElseThrow();
    private boolean second;

    Redis(CountingPageBudget budget) {
      memory =
          RedisTestStores.cluster()
              .create(MemoryLimits.of(1, (long) SnapshotPropertyTest.MAX_PAGES), null, budget);
    }

    @Override
    public LinearMemory memory() {
      return memory;
    }

    @Override
    public Object take() {
      String sid = UUID.randomUUID().toString();
      snapshots.take(memory, sid, Instant.now().truncatedTo(ChronoUnit.MILLIS));
      return sid;
    }

    @Override
    public void delete(Object snapshot, List<Object> remaining) {
      assertThat(snapshots.delete(memory, (String) snapshot)).isTrue();
      assertThat(snapshots.find((String) snapshot)).isEmpty();
    }

    @Override
    public void restore(Object snapshot) {
      snapshots.restore(memory, snapshots.find((String) snapshot).orElseThrow());
    }

    @Override
    public byte[] read(Object snapshot) throws Exception {
      return SnapshotPropertyTest.bytesOf(snapshots.find((String) snapshot).orElseThrow().pages());
    }

    @Override
    public void restart() {
      List<SnapshotStore.SnapshotRecord> before = snapshots.list(memory.id());
      second = !second;
      snapshots =
          (second ? RedisTestStores.secondReplica() : RedisTestStores.cluster())
              .snapshots()
              .orElseThrow();
      assertThat(snapshots.list(memory.id())).as("the other replica's list").isEqualTo(before);
    }
  }

  @Property(tries = 60)
  void snapshotsKeepTheirBytesAndGiveBackEveryPage(
      @ForAll("steps") List<Step> steps, @ForAll @IntRange(min = 0, max = 10) int budgetLimit)
      throws Exception {
    check(steps, budgetLimit);
  }

  /** A restore that must save the page it rewrites for a newer snapshot, within the budget. */
  @Example
  void aRestoreSavesWhatItOverwritesForANewerSnapshot() throws Exception {
    check(
        List.of(
            new Step(1, 0, 10, 1),
            new Step(8, 0, 0, 0),
            new Step(1, 0, 10, 2),
            new Step(8, 0, 0, 0),
            new Step(10, 0, 0, 0),
            new Step(9, 0, 0, 1),
            new Step(10, 0, 0, 0)),
        3);
  }

  private static void check(List<Step> steps, int budgetLimit) throws Exception {
    CountingPageBudget budget = new CountingPageBudget(budgetLimit);
    Redis redis = new Redis(budget);
    List<Object> snapshots = SnapshotPropertyTest.run(redis, steps, budget);
    for (Object snapshot : List.copyOf(snapshots)) {
      redis.delete(snapshot, List.of());
    }
    LinearMemory memory = redis.memory();
    assertThat(budget.held())
        .as("pages held once the snapshots are gone")
        .isEqualTo(memory.materializedPages());
    memory.close();
    assertThat(budget.held()).as("pages held once the memory is gone").isZero();
    try (StatefulRedisClusterConnection<String, String> connection =
        RedisTestServers.cluster().client().connect(StringCodec.UTF8)) {
      assertThat(connection.sync().keys("mem:{" + memory.id() + "}:*"))
          .as("keys left of the memory")
          .isEmpty();
    }
  }
}
