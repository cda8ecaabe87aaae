package dev.wasmmemory.api;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * {@link BatchTest} over HTTP on the heap store too: the suite runs on RocksDB by default and on
 * Redis in the {@code http-on-redis} execution, and each store commits a batch its own way.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "memory.store=heap")
@AutoConfigureMockMvc
class HeapBatchTest extends BatchTest {}
