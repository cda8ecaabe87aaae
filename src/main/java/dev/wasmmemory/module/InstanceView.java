package dev.wasmmemory.module;

import java.util.Map;

/**
 * An instance as clients see it: its module and its memories' ids, by export name (and, for
 * imported memories, by the import's {@code module.name} too).
 */
public record InstanceView(
    String id, String moduleId, Map<String, String> memories, boolean wasi) {}
