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

  /** A random token (128 bits, URL-safe base64: no ':' to clash with the key layout). */
  String newToken() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
