package dev.wasmmemory.module;

/**
 * A memory is larger than the 32,767 pages (2 GiB - 64 KiB) that Endive can address, so no code can
 * run on it; the memory itself is untouched.
 */
public final class MemoryTooLargeException extends ModuleException {
  private final String memoryId;
  private final int currentPages;

  MemoryTooLargeException(String memoryId, int currentPages, int limit) {
    super(
        "memory "
            + memoryId
            + " has "
            + currentPages
            + " pages; WebAssembly code runs on memories of at most "
            + limit
            + " pages");
    this.memoryId = memoryId;
    this.currentPages = currentPages;
  }

  public String memoryId() {
    return memoryId;
  }

  public int currentPages() {
    return currentPages;
  }
}
