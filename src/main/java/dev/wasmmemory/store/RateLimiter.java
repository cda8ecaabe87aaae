package dev.wasmmemory.store;

/**
 * Admits requests at a {@link Rate} per key (an owner, a share link, a client address), each key a
 * bucket of its own: one key's burst takes nothing from another's. Shared by every replica where
 * the store is (Redis); in this process otherwise.
 */
@FunctionalInterface
public interface RateLimiter {
  /** Takes one request from {@code key}'s bucket: 0 when admitted, else the nanoseconds to wait. */
  long tryTake(String key);
}
