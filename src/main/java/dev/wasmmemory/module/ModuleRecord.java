package dev.wasmmemory.module;

import java.time.Instant;

/**
 * A module as the repository keeps it: its binary, from which everything else (validation,
 * description, compiled code) is derived again after a restart.
 *
 * @param owner who uploaded it; null until access control names owners
 */
public record ModuleRecord(String id, byte[] bytes, Instant createdAt, String owner) {}
