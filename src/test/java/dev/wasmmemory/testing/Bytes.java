package dev.wasmmemory.testing;

import java.util.SplittableRandom;

/** Deterministic test content. */
public final class Bytes {
  private Bytes() {}

  /**
   * {@code length} pseudo-random bytes, the same for the same seed; no page of them is all zero.
   */
  public static byte[] random(long seed, int length) {
    byte[] bytes = new byte[length];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (1 + random.nextInt(255));
    }
    return bytes;
  }

  /** {@code 0, 1, 2, …} (mod 256). */
  public static byte[] counting(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  public static byte[] hex(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
  }
}
