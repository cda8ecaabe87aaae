package dev.wasmmemory.store;

import java.time.Instant;

/**
 * A share link as a store keeps it: revoking deletes the record, so a link is honoured only while
 * the store has it and it has not expired.
 *
 * @param id the link's random id (a UUID), named by its token
 * @param memoryId the one memory it reads
 * @param owner the owner of that memory who made the link
 * @param expiresAt when it lapses
 */
public record ShareRecord(String id, String memoryId, String owner, Instant expiresAt) {
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
