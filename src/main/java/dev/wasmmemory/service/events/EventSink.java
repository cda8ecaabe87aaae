package dev.wasmmemory.service.events;

import dev.wasmmemory.store.MemoryChange;
import java.io.IOException;

/**
 * Where a subscriber's events go (the HTTP layer's server-sent event stream). Calls come one at a
 * time, from the hub's delivery threads; one that throws ends the subscription.
 */
public interface EventSink {
  /** A change, in version order. */
  void change(MemoryChange change) throws IOException;

  /**
   * Changes before {@code version} were not kept for this subscriber (its position was too old, or
   * it fell behind): it should read the memory again, as of {@code version} or later.
   */
  void reset(long version) throws IOException;

  /** Nothing happened for a while: proves the connection alive through proxies. */
  void heartbeat() throws IOException;

  /**
   * The stream ends: the memory was deleted (after its {@code delete} change) or the hub closed.
   */
  void end();
}
