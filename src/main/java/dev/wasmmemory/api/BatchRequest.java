package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * {@code POST /memories/{id}/batch}: operations applied in order under one lock, all or none.
 *
 * @param operations at most {@code memory.max-batch-operations} of them; none is a valid batch
 */
@Schema(
    example =
        "{\"operations\":[{\"op\":\"setValue\",\"type\":\"i32\",\"offset\":8,\"value\":42},"
            + "{\"op\":\"getValue\",\"type\":\"i32\",\"offset\":8}]}",
    additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record BatchRequest(
    @ArraySchema(
            schema = @Schema(implementation = BatchOperationRequest.class),
            arraySchema =
                @Schema(
                    description =
                        "The operations, in order; at most memory.max-batch-operations (10000 by"
                            + " default)",
                    requiredMode = Schema.RequiredMode.REQUIRED))
        List<BatchOperationRequest> operations) {}
