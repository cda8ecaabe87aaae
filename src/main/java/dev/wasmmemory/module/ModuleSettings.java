package dev.wasmmemory.module;

import java.time.Duration;

/**
 * The limits of running code.
 *
 * @param maxModuleSize largest module binary, in bytes
 * @param maxModules modules held at once
 * @param maxInstances instances held at once
 * @param executionTimeout how long one call (or instantiation) may run before it is stopped
 * @param threads execution threads: calls running at once
 * @param queue calls that may wait for a thread before more are refused
 * @param stackBytes stack of each execution thread: how deep code may recurse
 * @param compile whether modules are compiled to JVM bytecode (else interpreted)
 */
public record ModuleSettings(
    long maxModuleSize,
    int maxModules,
    int maxInstances,
    Duration executionTimeout,
    int threads,
    int queue,
    long stackBytes,
    boolean compile) {}
