package dev.wasmmemory.module;

/**
 * The current value of an instance's export: a global's raw bits and type, or a memory's id.
 * Exactly one of {@code memoryId} and {@code globalType} is set.
 */
public record ExportValue(String name, String memoryId, String globalType, long globalBits) {}
