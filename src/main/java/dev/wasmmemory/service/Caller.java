package dev.wasmmemory.service;

/**
 * Whom a request acts for, as the registry needs it to decide which memories exist for it: anyone
 * ({@code memory.security=open}), an owner (a token's {@code sub}), or the bearer of a share link,
 * who sees one memory. Scopes (read or write) are the security layer's, checked before a request
 * gets here; ownership is checked here only, in {@link MemoryRegistry}.
 *
 * @param owner the owner the caller acts as, null for anyone and for a share link
 * @param sharedMemoryId the one memory a share link opens, null otherwise
 * @param restricted false only for {@link #ANYONE}: whether ownership is checked at all
 */
public record Caller(String owner, String sharedMemoryId, boolean restricted) {
  /** Open mode: every memory exists for everyone, and nothing is checked. */
  public static final Caller ANYONE = new Caller(null, null, false);

  /** No credentials where they are needed: no memory exists for it (fails closed). */
  public static final Caller NOBODY = new Caller(null, null, true);

  public static Caller owner(String owner) {
    return new Caller(owner, null, true);
  }

  public static Caller share(String memoryId) {
    return new Caller(null, memoryId, true);
  }

  /**
   * Whether a module or an instance of {@code resourceOwner} exists for this caller: only for its
   * owner (a share link opens one memory, no code).
   */
  public boolean owns(String resourceOwner) {
    return !restricted || (owner != null && owner.equals(resourceOwner));
  }

  /** Whether the memory {@code memoryId} of {@code memoryOwner} exists for this caller. */
  public boolean sees(String memoryId, String memoryOwner) {
    if (!restricted) {
      return true;
    }
    if (sharedMemoryId != null) {
      return sharedMemoryId.equals(memoryId);
    }
    return owner != null && owner.equals(memoryOwner);
  }
}
