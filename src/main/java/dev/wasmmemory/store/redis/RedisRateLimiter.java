package dev.wasmmemory.store.redis;

import dev.wasmmemory.store.Rate;
import dev.wasmmemory.store.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * The rate limit shared by every replica: one call of {@code wm4_rate_take} per request, a token
 * bucket per key on the Redis server's clock (so replicas' clocks do not matter). One round trip,
 * atomic, and each key in a slot of its own, so one key's burst queues on no other key's primary
 * lock. (Bucket4j's Lettuce integration would need a read and a compare-and-swap per request, and
 * retries when a burst from several replicas contends.)
 */
final class RedisRateLimiter implements RateLimiter {
  private final Scripts scripts;
  private final Rate rate;

  RedisRateLimiter(Scripts scripts, Rate rate) {
    this.scripts = scripts;
    this.rate = rate;
  }

  @Override
  public long tryTake(String key) {
    String tag = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(key));
    Reply reply =
        scripts.call(
            "rate_take",
            Keys.bytes("wms:rate:{" + tag + "}"),
            rate.requests(),
            rate.period().toMillis());
    return reply.status() == Reply.RATE ? TimeUnit.MILLISECONDS.toNanos(reply.number(1)) : 0;
  }

  private static byte[] bytes(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }
}
