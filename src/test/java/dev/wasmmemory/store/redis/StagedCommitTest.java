package dev.wasmmemory.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryBudgetExceededException;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.PageBudget;
import dev.wasmmemory.memory.Pages;
import dev.wasmmemory.memory.StorageException;
import dev.wasmmemory.store.Durability;
import io.lettuce.core.cluster.RedisClusterClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A staged write commits all of it or nothing, and leaves no staged pages behind either way. */
class StagedCommitTest {
  private static final int PAGES = 24;

  @BeforeAll
  static void requireRedis() {
    Assumptions.assumeTrue(RedisTestServers.missing().isEmpty(), "redis-server is missing");
  }

  private static String staged(LinearMemory memory) {
    return RedisTestServers.cluster()
        .nodeOf("mem:{" + memory.id() + "}:m")
        .cli("--scan", "--pattern", "mem:{" + memory.id() + "}:s:*")
        .trim();
  }

  @Test
  void aStagedWriteCommitsEveryPageAtOnce() throws IOException {
    LinearMemory memory = RedisTestStores.cluster().create(MemoryLimits.unbounded(PAGES), null);
    byte[] bytes = new byte[PAGES * Pages.PAGE_SIZE - 10];
    Arrays.fill(bytes, (byte) 4);
    Arrays.fill(bytes, 3 * Pages.PAGE_SIZE - 5, 4 * Pages.PAGE_SIZE - 5, (byte) 0);

    assertThat(memory.writeFrom(5, -1, new ByteArrayInputStream(bytes)).length())
        .isEqualTo(bytes.length);

    assertThat(memory.version()).isEqualTo(1);
    assertThat(memory.get(5, bytes.length)).isEqualTo(bytes);
    assertThat(memory.materializedPages()).isEqualTo(PAGES - 1);
    assertThat(staged(memory)).isEmpty();
  }

  @Test
  void aStagedWriteRefusedByTheBudgetChangesNothing() {
    AtomicLong held = new AtomicLong();
    PageBudget tenPages =
        new PageBudget() {
          @Override
          public void acquire(long pages) {
            if (held.get() + pages > 10) {
              throw new MemoryBudgetExceededException(pages, 10 - held.get());
            }
            held.addAndGet(pages);
          }

          @Override
          public void release(long pages) {
            held.addAndGet(-pages);
          }
        };
    LinearMemory memory =
        RedisTestStores.cluster().create(MemoryLimits.unbounded(PAGES), null, tenPages);
    memory.set(0, new byte[] {1});
    byte[] bytes = new byte[PAGES * Pages.PAGE_SIZE];
    Arrays.fill(bytes, (byte) 2);

    assertThatThrownBy(() -> memory.set(0, bytes))
        .isInstanceOf(MemoryBudgetExceededException.class);

    assertThat(memory.version()).isEqualTo(1);
    assertThat(memory.get(0, 2)).containsExactly(1, 0);
    assertThat(held.get()).isEqualTo(1);
    assertThat(staged(memory)).isEmpty();
  }

  @Test
  void aCommitWhoseStagedPagesExpiredChangesNothing() {
    RedisClusterClient client = RedisTestServers.cluster().client();
    RedisStoreSettings shortLived = RedisStoreSettings.of(RedisTestStores.BUDGET, Durability.FSYNC);
    shortLived =
        new RedisStoreSettings(
            shortLived.budgetBytes(),
            shortLived.durability(),
            true,
            shortLived.leaseTtl(),
            shortLived.leaseWait(),
            shortLived.viewTtl(),
            shortLived.viewLifetime(),
            Duration.ofMillis(300),
            shortLived.reconcileInterval());
    try (RedisMemoryStore store = RedisMemoryStore.open(client, shortLived)) {
      LinearMemory memory = store.create(MemoryLimits.unbounded(PAGES), null);
      InputStream slow = new SlowStream(PAGES * Pages.PAGE_SIZE, 20 * Pages.PAGE_SIZE, 700);

      assertThatThrownBy(() -> memory.writeFrom(0, -1, slow))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("expired");

      assertThat(memory.version()).isZero();
      assertThat(memory.materializedPages()).isZero();
    } finally {
      client.shutdown();
    }
  }

  /** {@code length} bytes of 6, pausing once for {@code pauseMillis} after {@code pauseAt}. */
  private static final class SlowStream extends InputStream {
    private final int length;
    private final int pauseAt;
    private final long pauseMillis;
    private int position;

    SlowStream(int length, int pauseAt, long pauseMillis) {
      this.length = length;
      this.pauseAt = pauseAt;
      this.pauseMillis = pauseMillis;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : 6;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position == length) {
        return -1;
      }
      if (position == pauseAt) {
        RedisTestServers.pause(pauseMillis);
      }
      int n = Math.min(len, (position < pauseAt ? pauseAt : length) - position);
      Arrays.fill(b, off, off + n, (byte) 6);
      position += n;
      return n;
    }
  }
}
