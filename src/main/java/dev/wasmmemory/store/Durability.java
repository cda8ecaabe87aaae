package dev.wasmmemory.store;

/** What an acknowledged write survives ({@code memory.durability}). */
public enum Durability {
  /** A crash of the service's process ({@code kill -9}): the write reached the operating system. */
  PROCESS,
  /** Power loss: the write was synced to disk before the answer; concurrent writers share syncs. */
  FSYNC
}
