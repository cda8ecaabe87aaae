package dev.wasmmemory.memory;

/** Limits that no memory can have: initial above maximum, or either above 65536 pages. */
public final class InvalidLimitsException extends MemoryException {
  private final long initialPages;
  private final Long maximumPages;

  InvalidLimitsException(long initialPages, Long maximumPages, String why) {
    super(
        "invalid memory limits (initial "
            + initialPages
            + ", maximum "
            + maximumPages
            + "): "
            + why);
    this.initialPages = initialPages;
    this.maximumPages = maximumPages;
  }

  public long initialPages() {
    return initialPages;
  }

  /** The maximum asked for, or null when none was. */
  public Long maximumPages() {
    return maximumPages;
  }
}
