package dev.wasmmemory.api;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/** {@link SnapshotsTest} on the heap store, whose snapshots live in the engine alone. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "memory.store=heap")
@AutoConfigureMockMvc
class HeapSnapshotsTest extends SnapshotsTest {}
