package dev.wasmmemory.store;

import dev.wasmmemory.memory.AccessChange;

/**
 * One change of a memory as its subscribers see it: what kind, the version it left the memory at,
 * and where. Fields that do not apply to a kind are -1.
 *
 * @param kind what happened
 * @param version the version the change left the memory at (for a deletion: the last one)
 * @param offset the first byte of the region written ({@code WRITE})
 * @param length the region's length, covering every byte the change may have changed
 * @param previousPages the size before a growth, in pages ({@code GROW}, or a write that grew)
 * @param currentPages the size after it
 */
public record MemoryChange(
    Kind kind, long version, long offset, long length, int previousPages, int currentPages) {

  /** The kinds of change, named as the event stream names them. */
  public enum Kind {
    WRITE,
    GROW,
    ERASE,
    RESTORE,
    DELETE;

    /** The event's name: {@code write}, {@code grow} … */
    public String eventName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static MemoryChange write(long version, long offset, long length) {
    return new MemoryChange(Kind.WRITE, version, offset, length, -1, -1);
  }

  public static MemoryChange grow(long version, int previousPages, int currentPages) {
    return new MemoryChange(Kind.GROW, version, -1, -1, previousPages, currentPages);
  }

  /**
   * The one change of an exclusive action (a batch, a WebAssembly call): a write of the region it
   * stored to, with the sizes when it also grew; a growth when it only grew.
   */
  public static MemoryChange of(AccessChange change) {
    int previous = change.grew() ? change.previousPages() : -1;
    int current = change.grew() ? change.currentPages() : -1;
    if (change.grew() && change.length() == 0) {
      return grow(change.version(), previous, current);
    }
    return new MemoryChange(
        Kind.WRITE, change.version(), change.offset(), change.length(), previous, current);
  }

  public static MemoryChange erase(long version) {
    return new MemoryChange(Kind.ERASE, version, -1, -1, -1, -1);
  }

  /** The memory took a snapshot's bytes and size back. */
  public static MemoryChange restore(long version, int previousPages, int currentPages) {
    return new MemoryChange(Kind.RESTORE, version, -1, -1, previousPages, currentPages);
  }

  public static MemoryChange delete(long version) {
    return new MemoryChange(Kind.DELETE, version, -1, -1, -1, -1);
  }

  /** Whether the memory's size changed with it (a growth, or a batch that also grew). */
  public boolean grew() {
    return currentPages >= 0;
  }
}
