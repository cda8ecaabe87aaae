package dev.wasmmemory.service;

import dev.wasmmemory.memory.LinearMemory;

/**
 * A memory the registry found: the random, unguessable id clients name it by, and its storage.
 *
 * @param id the memory's id
 * @param memory the memory, of whichever store holds it
 */
public record StoredMemory(String id, LinearMemory memory) {}
