package dev.wasmmemory.api;

/** The HTTP layer's limit on module binaries ({@code memory.max-module-size}). */
public record ModuleLimits(long maxModuleSize) {}
