package dev.wasmmemory.api;

import java.util.List;

/** Every memory the service holds, oldest first. */
record MemoryList(List<MemoryInfo> memories) {}
