package dev.wasmmemory.store;

import java.security.SecureRandom;

/** Makes the random keys share links are signed with ({@link MemoryStore#signingKey()}). */
public final class ShareKeys {
  /** 256 bits, as HMAC-SHA256 wants. */
  public static final int LENGTH = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private ShareKeys() {}

  public static byte[] random() {
    byte[] key = new byte[LENGTH];
    RANDOM.nextBytes(key);
    return key;
  }
}
