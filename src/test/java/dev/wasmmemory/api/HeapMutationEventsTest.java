package dev.wasmmemory.api;

import org.springframework.test.context.TestPropertySource;

/** {@link MutationEventsTest} on the heap store, where the service publishes the changes. */
@TestPropertySource(properties = "memory.store=heap")
class HeapMutationEventsTest extends MutationEventsTest {}
