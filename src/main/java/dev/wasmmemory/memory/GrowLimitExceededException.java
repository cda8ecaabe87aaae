package dev.wasmmemory.memory;

/** A grow would pass the memory's maximum (its own, or 65536 pages). The memory is unchanged. */
public final class GrowLimitExceededException extends MemoryException {
  private final int currentPages;
  private final long requestedPages;
  private final int maximumPages;

  public GrowLimitExceededException(
      String memoryId, int currentPages, long requestedPages, int maximumPages) {
    super(
        memoryId,
        "cannot grow a memory of "
            + currentPages
            + " pages by "
            + requestedPages
            + ": its maximum is "
            + maximumPages
            + " pages");
    this.currentPages = currentPages;
    this.requestedPages = requestedPages;
    this.maximumPages = maximumPages;
  }

  public int currentPages() {
    return currentPages;
  }

  /** The pages the grow asked to add. */
  public long requestedPages() {
    return requestedPages;
  }

  /** The limit that would be passed: the memory's own maximum, or 65536. */
  public int maximumPages() {
    return maximumPages;
  }
}
