package dev.wasmmemory.service;

import dev.wasmmemory.memory.LinearMemory;

/** A memory held by the registry: its id, its storage, and when it was last used. */
public final class StoredMemory {
  private final String id;
  private final LinearMemory memory;
  private final long createdNanos;

  /** {@link System#nanoTime()} of the last lookup, for idle expiry. */
  private volatile long lastUsedNanos;

  StoredMemory(String id, LinearMemory memory, long nowNanos) {
    this.id = id;
    this.memory = memory;
    this.createdNanos = nowNanos;
    this.lastUsedNanos = nowNanos;
  }

  /** The random, unguessable id clients name the memory by. */
  public String id() {
    return id;
  }

  public LinearMemory memory() {
    return memory;
  }

  long createdNanos() {
    return createdNanos;
  }

  long lastUsedNanos() {
    return lastUsedNanos;
  }

  void touch(long nowNanos) {
    lastUsedNanos = nowNanos;
  }
}
