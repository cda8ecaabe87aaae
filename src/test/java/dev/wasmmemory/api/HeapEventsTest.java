package dev.wasmmemory.api;

import org.springframework.test.context.TestPropertySource;

/** {@link EventsTest} on the heap store, where the service publishes the changes it makes. */
@TestPropertySource(properties = "memory.store=heap")
class HeapEventsTest extends EventsTest {}
