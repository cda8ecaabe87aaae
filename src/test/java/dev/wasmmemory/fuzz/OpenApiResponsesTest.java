package dev.wasmmemory.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Statuses the service answers (seen by {@link ApiFuzzTest}) that {@code openapi/openapi.yaml} does
 * not document for the operation: a generated client would not expect them.
 */
class OpenApiResponsesTest {
  private static final List<OpenApiOperations.Operation> OPERATIONS =
      OpenApiOperations.load(Path.of("openapi/openapi.yaml"));

  /** readValue answers 304 to a matching If-None-Match, which its spec lists as a parameter. */
  @Test
  void everyOperationWithIfNoneMatchDocuments304() {
    assertThat(OPERATIONS)
        .filteredOn(op -> op.hasHeader("If-None-Match"))
        .allSatisfy(op -> assertThat(op.responses()).as(op.id()).contains("304"));
  }

  /**
   * memory.max-json-body-size applies to every JSON body: createMemory, growMemory, fillMemory and
   * copyMemory answer 413 for a larger one, but only writeBytes and writeValue document it.
   */
  @Test
  void everyOperationWithAJsonBodyDocuments413() {
    assertThat(OPERATIONS)
        .filteredOn(op -> op.bodies().containsKey("application/json"))
        .allSatisfy(op -> assertThat(op.responses()).as(op.id()).contains("413"));
  }
}
