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
 * in order: null for writes, fills and copies, a {@link Result} with the members of getValue, get
 * or grow.
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
      return new Result(response.type(), response.value(), response.bits(), null, null);
    } else if (answer instanceof BatchResult.Bytes bytes) {
      String data = Base64.getEncoder().encodeToString(bytes.data());
      return new Result(null, null, null, data, null);
    } else if (answer instanceof BatchResult.Grown grown) {
      return new Result(null, null, null, null, grown.previousPages());
    }
    return null;
  }

  /**
   * The result of an operation that answers something, with the members of that operation only. One
   * object rather than a oneOf of three: the three share no member that tells them apart, and a
   * generated client (openapi-generator's Java client) cannot pick a oneOf branch without one.
   */
  @Schema(
      name = "BatchResult",
      description =
          "getValue: type, value and, for floats, bits (as GET …/values/{type}); get: data;"
              + " grow: previousPages")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Result(
      @Schema(description = "getValue: the value's type", example = "i32") String type,
      @Schema(
              description =
                  "getValue: a JSON number; a decimal string for i64 and u64; for floats a number"
                      + " or \"NaN\", \"Infinity\", \"-Infinity\"",
              anyOf = {Number.class, String.class},
              example = "42")
          Object value,
      @Schema(
              description = "getValue of a float: the raw bits as an unsigned decimal string",
              pattern = "^[0-9]{1,20}$")
          String bits,
      @Schema(
              description = "get: the bytes, standard base64",
              format = "byte",
              example = "3q2+7w==")
          String data,
      @Schema(description = "grow: the size before the grow, in pages", example = "1")
          Integer previousPages) {}
}
