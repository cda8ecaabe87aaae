package dev.wasmmemory.service.events;

import java.time.Duration;

/**
 * The limits of the live change streams.
 *
 * @param history changes kept per memory for subscribers that resume ({@code Last-Event-ID})
 * @param retention how long a memory's history is kept after its last subscriber left
 * @param maxSubscribers subscribers this process serves at once, over all memories
 * @param heartbeat how often an idle stream gets a comment, so that proxies keep it open
 * @param pollInterval how often a shared store's record of changes is read (Redis)
 * @param gapTimeout how long a change published ahead of a missing version waits for it; then
 *     subscribers are told to reset and get the later changes
 */
public record EventSettings(
    int history,
    Duration retention,
    int maxSubscribers,
    Duration heartbeat,
    Duration pollInterval,
    Duration gapTimeout) {

  public EventSettings {
    if (history < 1 || maxSubscribers < 0) {
      throw new IllegalArgumentException("history must be positive, max-subscribers not negative");
    }
  }

  /** The defaults of {@code memory.events.*}. */
  public static EventSettings defaults() {
    return new EventSettings(
        1000,
        Duration.ofMinutes(5),
        1000,
        Duration.ofSeconds(15),
        Duration.ofMillis(20),
        Duration.ofSeconds(2));
  }
}
