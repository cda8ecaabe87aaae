package dev.wasmmemory.store;

/**
 * What each owner may hold ({@code memory.quota.*}); negative means no limit. Memories without an
 * owner (made in open mode) count against no quota.
 *
 * @param budgetBytes bytes of pages an owner's memories may store together
 * @param maxMemories memories an owner may hold at once
 */
public record Quota(long budgetBytes, int maxMemories) {
  public static final Quota NONE = new Quota(-1, -1);

  public boolean limitsBytes() {
    return budgetBytes >= 0;
  }

  public boolean limitsCount() {
    return maxMemories >= 0;
  }
}
