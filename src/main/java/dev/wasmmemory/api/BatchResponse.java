package dev.wasmmemory.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wasmmemory.service.batch.BatchResult;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What a batch answers: the memory's version after it (also its ETag) and one result per operation,
 * in order: null for writes, fills and copies, {@link ValueResult} for getValue, {@link
 * BytesResult} for get, {@link GrowResult} for grow.
 */
@Schema(
    example =
        "{\"version\":13,\"results\":[null,{\"type\":\"i32\",\"value\":42},{\"data\":\"3q2+7w==\"},"
            + "{\"previousPages\":1}]}")
record BatchResponse(
    @Schema(
            description = "The memory's version after the batch: one more if it changed anything",
            requiredMode = Schema.RequiredMode.REQUIRED,
            example = "13")
        long version,
    @ArraySchema(
            arraySchema =
                @Schema(
                    description =
                        "One result per operation, in order: null for setValue, set, fill and"
                            + " copy",
                    requiredMode = Schema.RequiredMode.REQUIRED),
            schema = @Schema(implementation = BatchResponse.Result.class, nullable = true))
        List<Result> results) {

  static BatchResponse of(BatchResult result) {
    List<Result> results = new ArrayList<>(result.results().size());
    for (Object answer : result.results()) {
      results.add(result(answer));
    }
    return new BatchResponse(result.version(), results);
  }

  private static Result result(Object answer) {
    if (answer instanceof BatchResult.Value value) {
      ValueResponse response = TypedValues.toResponse(value.type(), 0, value.bits());
      return new ValueResult(response.type(), response.value(), response.bits());
    } else if (answer instanceof BatchResult.Bytes bytes) {
      return new BytesResult(Base64.getEncoder().encodeToString(bytes.data()));
    } else if (answer instanceof BatchResult.Grown grown) {
      return new GrowResult(grown.previousPages());
    }
    return null;
  }

  /** The result of an operation that answers something. */
  @Schema(
      name = "BatchResult",
      description = "getValue: {type, value, bits}; get: {data}; grow: {previousPages}",
      oneOf = {ValueResult.class, BytesResult.class, GrowResult.class})
  sealed interface Result {}

  /** getValue's result: the value as {@code GET …/values/{type}} gives it, without the offset. */
  @Schema(name = "BatchValueResult")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ValueResult(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "i32") String type,
      @Schema(
              description =
                  "A JSON number; a decimal string for i64 and u64; for floats a number or"
                      + " \"NaN\", \"Infinity\", \"-Infinity\"",
              anyOf = {Number.class, String.class},
              requiredMode = Schema.RequiredMode.REQUIRED,
              example = "42")
          Object value,
      @Schema(
              description = "Floats only: the raw bits as an unsigned decimal string",
              pattern = "^[0-9]{1,20}$")
          String bits)
      implements Result {}

  /** get's result. */
  @Schema(name = "BatchBytesResult")
  record BytesResult(
      @Schema(
              description = "The bytes, standard base64",
              format = "byte",
              requiredMode = Schema.RequiredMode.REQUIRED,
              example = "3q2+7w==")
          String data)
      implements Result {}

  /** grow's result. */
  @Schema(name = "BatchGrowResult")
  record GrowResult(
      @Schema(
              description = "The size before the grow, in pages",
              requiredMode = Schema.RequiredMode.REQUIRED,
              example = "1")
          int previousPages)
      implements Result {}
}
