package dev.wasmmemory.memory;

/**
 * A memory's limits in pages: the size it is created with and the largest it may grow to. A memory
 * without a maximum of its own may grow to {@link Pages#MAX_PAGES}; {@link #hasMaximum()} tells the
 * two apart, so that no caller needs a null, a {@code -1} or an {@code OptionalInt} for "none".
 */
public final class MemoryLimits {
  private final int initialPages;
  private final int maximumPages;
  private final boolean hasMaximum;

  private MemoryLimits(int initialPages, int maximumPages, boolean hasMaximum) {
    this.initialPages = initialPages;
    this.maximumPages = maximumPages;
    this.hasMaximum = hasMaximum;
  }

  /**
   * Limits as a client gives them: {@code maximumPages} null means none. Refuses, with {@link
   * InvalidLimitsException}, pages outside 0..65536 and an initial size above the maximum.
   */
  public static MemoryLimits of(long initialPages, Long maximumPages) {
    if (initialPages < 0 || initialPages > Pages.MAX_PAGES) {
      throw new InvalidLimitsException(
          initialPages, maximumPages, "initialPages", "initial must be 0..65536");
    }
    if (maximumPages == null) {
      return new MemoryLimits((int) initialPages, Pages.MAX_PAGES, false);
    }
    if (maximumPages < 0 || maximumPages > Pages.MAX_PAGES) {
      throw new InvalidLimitsException(
          initialPages, maximumPages, "maximumPages", "maximum must be 0..65536");
    }
    if (initialPages > maximumPages) {
      throw new InvalidLimitsException(
          initialPages, maximumPages, "maximumPages", "initial exceeds maximum");
    }
    return new MemoryLimits((int) initialPages, maximumPages.intValue(), true);
  }

  /** A memory of {@code initialPages} that may grow to 65536 pages. */
  public static MemoryLimits unbounded(long initialPages) {
    return of(initialPages, null);
  }

  public int initialPages() {
    return initialPages;
  }

  /** Whether the memory has a maximum of its own. */
  public boolean hasMaximum() {
    return hasMaximum;
  }

  /** The most pages the memory may have: its own maximum, or 65536. */
  public int maximumPages() {
    return maximumPages;
  }

  /** The memory's own maximum, or null when it has none (as the JSON of the API shows it). */
  public Integer ownMaximumOrNull() {
    return hasMaximum ? maximumPages : null;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MemoryLimits that
        && initialPages == that.initialPages
        && maximumPages == that.maximumPages
        && hasMaximum == that.hasMaximum;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * initialPages + maximumPages) + (hasMaximum ? 1 : 0);
  }

  @Override
  public String toString() {
    return "MemoryLimits[initial " + initialPages + ", maximum " + ownMaximumOrNull() + "]";
  }
}
