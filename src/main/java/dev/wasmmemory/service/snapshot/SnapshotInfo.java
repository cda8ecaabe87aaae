package dev.wasmmemory.service.snapshot;

import java.time.Instant;

/** What a client sees of a snapshot. */
public record SnapshotInfo(
    String id,
    String memoryId,
    long version,
    int currentPages,
    long sizeBytes,
    Instant createdAt) {}
