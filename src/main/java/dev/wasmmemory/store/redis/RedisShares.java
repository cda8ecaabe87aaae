package dev.wasmmemory.store.redis;

import dev.wasmmemory.store.ShareKeys;
import dev.wasmmemory.store.ShareRecord;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Share links in Redis, one hash per link ({@code wms:share:{<id>}}: memory, owner, expires) that
 * Redis drops at its expiry; revoking deletes it, for every replica at once. The signing key is
 * {@code wms:{signing-key}}, set by the first replica to start ({@code SET NX}) and read by all.
 */
final class RedisShares {
  private static final Pattern ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final byte[] SIGNING_KEY = Keys.bytes("wms:{signing-key}");
  private static final byte[][] FIELDS = {
    Keys.bytes("memory"), Keys.bytes("owner"), Keys.bytes("expires")
  };

  private final RedisConnection redis;
  private final byte[] signingKey;

  RedisShares(RedisConnection redis) {
    this.redis = redis;
    await(redis.commands().set(SIGNING_KEY, ShareKeys.random(), SetArgs.Builder.nx()));
    this.signingKey = await(redis.commands().get(SIGNING_KEY));
  }

  byte[] signingKey() {
    return signingKey.clone();
  }

  void save(ShareRecord share) {
    byte[] key = key(share.id());
    String owner = share.owner() == null ? "" : share.owner();
    await(
        redis
            .commands()
            .hset(
                key,
                Map.of(
                    FIELDS[0], Keys.bytes(share.memoryId()),
                    FIELDS[1], Keys.bytes(owner),
                    FIELDS[2], Keys.bytes(Long.toString(share.expiresAt().toEpochMilli())))));
    await(redis.commands().pexpireat(key, share.expiresAt().toEpochMilli()));
  }

  Optional<ShareRecord> find(String shareId) {
    if (!ID.matcher(shareId).matches()) {
      return Optional.empty();
    }
    List<KeyValue<byte[], byte[]>> values = await(redis.commands().hmget(key(shareId), FIELDS));
    if (values.stream().anyMatch(v -> !v.hasValue())) {
      return Optional.empty();
    }
    String owner = text(values.get(1).getValue());
    Instant expires = Instant.ofEpochMilli(Long.parseLong(text(values.get(2).getValue())));
    ShareRecord share =
        new ShareRecord(
            shareId, text(values.get(0).getValue()), owner.isEmpty() ? null : owner, expires);
    return share.expiredAt(Instant.now()) ? Optional.empty() : Optional.of(share);
  }

  boolean delete(String shareId) {
    return ID.matcher(shareId).matches() && await(redis.commands().del(key(shareId))) == 1;
  }

  private static byte[] key(String shareId) {
    return Keys.bytes("wms:share:{" + shareId + "}");
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private <T> T await(RedisFuture<T> future) {
    try {
      return redis.await(future);
    } catch (RedisException e) {
      throw Scripts.failed(SIGNING_KEY, "share links", e);
    }
  }
}
