package dev.wasmmemory.store.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Pages of one large write, staged in the memory's slot ({@code mem:{id}:s:<token>:<i>}, with a
 * TTL) before the function that commits them runs: outside any lock, so a slow client blocks no
 * one, and in many calls, so no argument nears Redis's 512 MiB. Uploads are pipelined, a bounded
 * number in flight. An upload that is not committed is discarded, or expires if its client dies. An
 * upload that outlives a third of the TTL renews the TTL of what it staged so far.
 */
final class StagedUpload {
  private static final int IN_FLIGHT = 32;

  private final StoreContext context;
  private final String memoryId;
  private final String token;
  private final List<Integer> staged = new ArrayList<>();
  private final ArrayDeque<RedisFuture<String>> pending = new ArrayDeque<>();
  private long renewedAt = System.nanoTime();

  StagedUpload(StoreContext context, String memoryId) {
    this.context = context;
    this.memoryId = memoryId;
    this.token = context.newToken();
  }

  /** The token the commit names the staged pages by. */
  String token() {
    return token;
  }

  /** Stages page {@code index}'s bytes: an empty array for a whole page of zeros. */
  void stage(int index, byte[] bytes) {
    long ttl = context.settings().stagingTtl().toMillis();
    pending.add(
        context
            .redis()
            .commands()
            .set(Keys.staging(memoryId, token, index), bytes, SetArgs.Builder.px(ttl)));
    staged.add(index);
    while (pending.size() > IN_FLIGHT) {
      await(pending.poll());
    }
    if (System.nanoTime() - renewedAt > context.settings().stagingTtl().toNanos() / 3) {
      renew(ttl);
    }
  }

  /** Waits until everything staged is stored. */
  void finish() {
    while (!pending.isEmpty()) {
      await(pending.poll());
    }
  }

  /** Deletes what was staged (not waited for: the keys expire anyway). */
  void discard() {
    for (RedisFuture<String> future : pending) {
      future.cancel(false);
    }
    for (int i = 0; i < staged.size(); i += 1000) {
      List<Integer> batch = staged.subList(i, Math.min(i + 1000, staged.size()));
      byte[][] keys =
          batch.stream().map(index -> Keys.staging(memoryId, token, index)).toArray(byte[][]::new);
      context.redis().commands().del(keys);
    }
    staged.clear();
  }

  private void renew(long ttl) {
    finish();
    List<RedisFuture<Boolean>> renewals = new ArrayList<>();
    for (int index : staged) {
      renewals.add(context.redis().commands().pexpire(Keys.staging(memoryId, token, index), ttl));
    }
    renewals.forEach(this::await);
    renewedAt = System.nanoTime();
  }

  private void await(RedisFuture<?> future) {
    try {
      context.redis().await(future);
    } catch (RedisException e) {
      throw Scripts.failed(Keys.meta(memoryId), "staging", e);
    }
  }
}
