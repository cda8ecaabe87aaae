package dev.wasmmemory.store.redis;

import java.security.SecureRandom;
import java.util.Base64;

/** What every memory of one store shares: the functions, the settings, a source of tokens. */
final class StoreContext {
  private final Scripts scripts;
  private final RedisStoreSettings settings;
  private final SecureRandom random = new SecureRandom();

  StoreContext(Scripts scripts, RedisStoreSettings settings) {
    this.scripts = scripts;
    this.settings = settings;
  }

  Scripts scripts() {
    return scripts;
  }

  RedisConnection redis() {
    return scripts.redis();
  }

  RedisStoreSettings settings() {
    return settings;
  }

  /**
   * Calls read function {@code operation} of memory {@code memoryId}, waiting while it answers
   * LOCKED: the memory is fenced by a commit of several memories ({@code wm4_fence}), which ends
   * within a few round trips, or with the fence's TTL if its holder died.
   */
  Reply read(String operation, String memoryId, Object... args) {
    Mutator.Backoff backoff = new Mutator.Backoff(settings.leaseWait());
    while (true) {
      Reply reply = scripts.call(operation, Keys.meta(memoryId), args);
      if (reply.status() != Reply.LOCKED) {
        return reply;
      }
      backoff.await(memoryId, reply.number(1));
    }
  }

  /** A random token (128 bits, URL-safe base64: no ':' to clash with the key layout). */
  String newToken() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
