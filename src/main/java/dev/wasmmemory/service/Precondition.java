package dev.wasmmemory.service;

import java.util.Set;

/**
 * What a mutation requires of a memory's version: nothing, or one of a set of versions (HTTP's
 * {@code If-Match}, its entity tags reduced to the versions they name). The service checks it
 * atomically with the mutation.
 */
public record Precondition(Set<Long> versions) {
  /** Unconditional (no {@code If-Match}, or {@code If-Match: *}). */
  public static final Precondition NONE = new Precondition(null);

  public Precondition {
    versions = versions == null ? null : Set.copyOf(versions);
  }

  /** At one of {@code versions}; an empty set matches no version. */
  public static Precondition versionIn(Set<Long> versions) {
    return new Precondition(versions);
  }

  public boolean unconditional() {
    return versions == null;
  }

  public boolean matches(long version) {
    return versions == null || versions.contains(version);
  }
}
