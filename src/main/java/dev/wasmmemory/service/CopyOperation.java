package dev.wasmmemory.service;

/**
 * A copy into a memory: within it ({@code sourceMemoryId} null or the memory itself), as memmove
 * or, with {@code nonOverlapping}, refusing regions that share bytes; or from another memory (a
 * transfer, whose regions never overlap).
 */
public record CopyOperation(
    String sourceMemoryId,
    long sourceOffset,
    long destinationOffset,
    long length,
    boolean nonOverlapping) {}
