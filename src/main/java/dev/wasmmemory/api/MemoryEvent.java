package dev.wasmmemory.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wasmmemory.store.MemoryChange;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The data of one server-sent event of {@code GET /memories/{id}/events}: the version, and what
 * applies to its kind (a write's region, a growth's sizes; a batch that wrote and grew has both).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
    description =
        "The data of an event: version always; offset and length for write (a region that covers"
            + " every byte changed); previousPages and currentPages for grow, and for a write of a"
            + " batch that also grew",
    example = "{\"version\":13,\"offset\":16,\"length\":4}")
record MemoryEvent(
    @Schema(
            description =
                "The version the change left the memory at (ETag \"<version>\"); for delete and"
                    + " reset, the last version known",
            requiredMode = Schema.RequiredMode.REQUIRED)
        long version,
    @Schema(description = "write: the first byte of the region") Long offset,
    @Schema(description = "write: the region's length") Long length,
    @Schema(description = "grow: the size before, in pages") Integer previousPages,
    @Schema(description = "grow: the size after, in pages") Integer currentPages) {

  static MemoryEvent of(MemoryChange change) {
    boolean write = change.kind() == MemoryChange.Kind.WRITE;
    return new MemoryEvent(
        change.version(),
        write ? change.offset() : null,
        write ? change.length() : null,
        change.grew() ? change.previousPages() : null,
        change.grew() ? change.currentPages() : null);
  }

  static MemoryEvent reset(long version) {
    return new MemoryEvent(version, null, null, null, null);
  }
}
