package dev.wasmmemory.memory;

/** Materialising the pages an operation needs would pass the {@link PageBudget}. */
public final class MemoryBudgetExceededException extends MemoryException {
  private final long requestedPages;
  private final long availablePages;

  public MemoryBudgetExceededException(long requestedPages, long availablePages) {
    super(
        null,
        "memory budget exceeded: "
            + requestedPages
            + " more pages needed, "
            + availablePages
            + " available");
    this.requestedPages = requestedPages;
    this.availablePages = availablePages;
  }

  public long requestedPages() {
    return requestedPages;
  }

  public long availablePages() {
    return availablePages;
  }
}
