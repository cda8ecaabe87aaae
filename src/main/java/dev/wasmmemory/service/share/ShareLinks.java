package dev.wasmmemory.service.share;

import dev.wasmmemory.service.Callers;
import dev.wasmmemory.service.MemoryRegistry;
import dev.wasmmemory.store.MemoryStore;
import dev.wasmmemory.store.ShareRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Share links: a signed, expiring, revocable capability to read one memory. The owner makes one for
 * a memory it sees (through the registry, so another owner's memory does not exist here either);
 * the store keeps its record, so revoking holds on every replica and after restarts, and a token is
 * honoured only while its record is there. Only with {@code memory.security=jwt}: in open mode
 * every memory is readable by anyone with its id, and a read-only link would restrict nothing.
 */
public final class ShareLinks {
  /** A link as made: its id, the memory, when it lapses, and the token to hand out. */
  public record Share(String id, String memoryId, Instant expiresAt, String token) {}

  private final MemoryRegistry registry;
  private final MemoryStore store;
  private final Callers callers;
  private final Clock clock;
  private final boolean enabled;
  private final ShareToken tokens;

  public ShareLinks(
      MemoryRegistry registry, MemoryStore store, Callers callers, Clock clock, boolean enabled) {
    this.registry = registry;
    this.store = store;
    this.callers = callers;
    this.clock = clock;
    this.enabled = enabled;
    this.tokens = new ShareToken(store.signingKey());
  }

  /** Makes a link that reads {@code memoryId} for {@code expiresIn} (whole seconds). */
  public Share create(String memoryId, Duration expiresIn) {
    checkEnabled();
    registry.get(memoryId);
    String id = UUID.randomUUID().toString();
    Instant exact = clock.instant().plus(expiresIn);
    Instant expires = exact.truncatedTo(ChronoUnit.SECONDS);
    if (expires.isBefore(exact)) {
      expires = expires.plusSeconds(1);
    }
    store.saveShare(new ShareRecord(id, memoryId, callers.current().owner(), expires));
    String token = tokens.sign(new ShareToken.Claims(id, memoryId, expires));
    return new Share(id, memoryId, expires, token);
  }

  /** Revokes the link {@code shareId} of {@code memoryId}; at once for every replica. */
  public void revoke(String memoryId, String shareId) {
    checkEnabled();
    registry.get(memoryId);
    Optional<ShareRecord> share = store.share(shareId);
    if (share.isEmpty()
        || !share.get().memoryId().equals(memoryId)
        || !store.deleteShare(shareId)) {
      throw new ShareNotFoundException(memoryId, shareId);
    }
  }

  /** Whether {@code token} is shaped as a share link's (else it is an identity provider's). */
  public static boolean isShareToken(String token) {
    return ShareToken.looksLikeOne(token);
  }

  /**
   * The link a token stands for: signed with the store's key, not expired, and neither revoked nor
   * lapsed in the store; empty otherwise.
   */
  public Optional<ShareRecord> resolve(String token) {
    if (!enabled) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return tokens
        .verify(token)
        .filter(claims -> now.isBefore(claims.expiresAt()))
        .flatMap(claims -> store.share(claims.shareId()))
        .filter(share -> !share.expiredAt(now));
  }

  private void checkEnabled() {
    if (!enabled) {
      throw new SharesDisabledException();
    }
  }
}
