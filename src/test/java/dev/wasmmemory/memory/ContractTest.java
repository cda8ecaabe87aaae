package dev.wasmmemory.memory;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A test of the memory contract: it runs once for every storage implementation in {@link
 * MemoryFactories#all()} and takes that implementation's {@link MemoryFactory} as its parameter
 * (Chicory's {@code MemoryTest} does the same for its memories).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@MethodSource("dev.wasmmemory.memory.MemoryFactories#all")
@interface ContractTest {}
