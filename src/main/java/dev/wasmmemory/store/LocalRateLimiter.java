package dev.wasmmemory.store;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rate limit of the heap and RocksDB stores: a Bucket4j lock-free bucket per key in this
 * process. Exact under concurrency (a token is taken by compare-and-set). Buckets that have
 * refilled are dropped now and then, so that a stream of new keys (client addresses) does not grow
 * the map for ever; a dropped bucket is a full one, so dropping it changes nothing (but for a
 * request racing the sweep on that very key, which may find a new full bucket: past 10,000 keys
 * only).
 */
public final class LocalRateLimiter implements RateLimiter {
  private static final int SWEEP_ABOVE = 10_000;

  private final Rate rate;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public LocalRateLimiter(Rate rate) {
    this.rate = rate;
  }

  @Override
  public long tryTake(String key) {
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      if (buckets.size() >= SWEEP_ABOVE) {
        sweep();
      }
      bucket = buckets.computeIfAbsent(key, ignored -> newBucket());
    }
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(rate.requests())
                .refillGreedy(rate.requests(), rate.period())
                .build())
        .build();
  }

  private void sweep() {
    for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
      if (it.next().getAvailableTokens() >= rate.requests()) {
        it.remove();
      }
    }
  }
}
