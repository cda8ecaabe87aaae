package dev.wasmmemory.service.search;

/**
 * What to search for and where: {@code pattern}'s bytes at offsets that are multiples of {@code
 * align}, wholly within {@code [from, to)} ({@code to} negative: the end of the memory), at most
 * {@code limit} matches, which do not overlap.
 */
public record SearchQuery(byte[] pattern, long align, long from, long to, int limit) {
  public SearchQuery {
    if (pattern.length == 0 || align < 1 || limit < 1 || from < 0) {
      throw new IllegalArgumentException("empty pattern, align or limit below 1, or from < 0");
    }
  }
}
