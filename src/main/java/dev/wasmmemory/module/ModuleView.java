package dev.wasmmemory.module;

import java.time.Instant;

/** A stored module as clients see it: its size and what it imports and exports. */
public record ModuleView(
    String id, long sizeBytes, ModuleDescription description, Instant createdAt) {}
