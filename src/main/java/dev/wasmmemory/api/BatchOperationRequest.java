package dev.wasmmemory.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One operation of a batch as the client sends it, named by {@code op}. Fields are boxed so that a
 * missing one is told from a zero: {@link BatchDecoder} checks them, with the operation's index.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = "op",
    visible = true)
@JsonSubTypes({
  @JsonSubTypes.Type(value = BatchOperationRequest.SetValue.class, name = "setValue"),
  @JsonSubTypes.Type(value = BatchOperationRequest.Set.class, name = "set"),
  @JsonSubTypes.Type(value = BatchOperationRequest.GetValue.class, name = "getValue"),
  @JsonSubTypes.Type(value = BatchOperationRequest.Get.class, name = "get"),
  @JsonSubTypes.Type(value = BatchOperationRequest.Fill.class, name = "fill"),
  @JsonSubTypes.Type(value = BatchOperationRequest.Copy.class, name = "copy"),
  @JsonSubTypes.Type(value = BatchOperationRequest.Grow.class, name = "grow")
})
@JsonClassDescription("a batch operation")
@Schema(
    description = "One operation, named by op",
    oneOf = {
      BatchOperationRequest.SetValue.class,
      BatchOperationRequest.Set.class,
      BatchOperationRequest.GetValue.class,
      BatchOperationRequest.Get.class,
      BatchOperationRequest.Fill.class,
      BatchOperationRequest.Copy.class,
      BatchOperationRequest.Grow.class
    },
    discriminatorProperty = "op",
    discriminatorMapping = {
      @DiscriminatorMapping(value = "setValue", schema = BatchOperationRequest.SetValue.class),
      @DiscriminatorMapping(value = "set", schema = BatchOperationRequest.Set.class),
      @DiscriminatorMapping(value = "getValue", schema = BatchOperationRequest.GetValue.class),
      @DiscriminatorMapping(value = "get", schema = BatchOperationRequest.Get.class),
      @DiscriminatorMapping(value = "fill", schema = BatchOperationRequest.Fill.class),
      @DiscriminatorMapping(value = "copy", schema = BatchOperationRequest.Copy.class),
      @DiscriminatorMapping(value = "grow", schema = BatchOperationRequest.Grow.class)
    })
sealed interface BatchOperationRequest {
  /** The largest offset or length, as the document says it. */
  String U32 = "4294967295";

  /** {@code set_value}: exactly one of value and bits, as {@code PUT …/values/{type}} takes. */
  @Schema(
      name = "BatchSetValue",
      description = "Write a typed value (as PUT …/values/{type}): exactly one of value and bits",
      additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
  record SetValue(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "setValue") String op,
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              allowableValues = {
                "i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "f32", "f64"
              })
          String type,
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              minimum = "0",
              maximum = U32,
              example = "8")
          Long offset,
      @Schema(
              description =
                  "A number; for i64 and u64 also a decimal string; for floats also \"NaN\","
                      + " \"Infinity\" or \"-Infinity\"",
              example = "42")
          JsonScalar value,
      @Schema(
              description = "The raw bits instead of value, as an unsigned decimal string",
              type = "string",
              pattern = "^[0-9]{1,20}$")
          JsonScalar bits)
      implements BatchOperationRequest {}

  /** {@code set}: bytes in standard base64. */
  @Schema(
      name = "BatchSet",
      description = "Write bytes (standard base64)",
      additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
  record Set(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "set") String op,
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              minimum = "0",
              maximum = U32,
              example = "16")
          Long offset,
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              format = "byte",
              pattern = Base64Text.PATTERN,
              example = "3q2+7w==")
          String data)
      implements BatchOperationRequest {}

  /** {@code get_value}. */
  @Schema(
      name = "BatchGetValue",
      description = "Read a typed value; its result is {type, value, bits}",
      additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
  record GetValue(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "getValue") String op,
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              allowableValues = {
                "i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "f32", "f64"
              })
          String type,
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              minimum = "0",
              maximum = U32,
              example = "0")
          Long offset)
      implements BatchOperationRequest {}

  /** {@code get}: its result is the bytes in base64. */
  @Schema(
      name = "BatchGet",
      description =
          "Read bytes; its result is {data}. All the gets of a batch read at most"
              + " memory.max-encoded-region bytes",
      additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
  record Get(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "get") String op,
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              minimum = "0",
              maximum = U32,
              example = "0")
          Long offset,
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              minimum = "0",
              maximum = U32,
              example = "4")
          Long length)
      implements BatchOperationRequest {}

  /** {@code clear}/{@code zero}. */
  @Schema(
      name = "BatchFill",
      description = "Set length bytes from offset to value (0 when absent)",
      additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
  record Fill(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "fill") String op,
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              minimum = "0",
              maximum = U32,
              example = "0")
          Long offset,
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              minimum = "0",
              maximum = U32,
              example = "16")
          Long length,
      @Schema(minimum = "0", maximum = "255", example = "255") Integer value)
      implements BatchOperationRequest {}

  /** {@code copy}/{@code copy_nonoverlapping} within the memory. */
  @Schema(
      name = "BatchCopy",
      description = "memmove within the memory, or refuse overlapping regions with nonOverlapping",
      additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
  record Copy(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "copy") String op,
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              minimum = "0",
              maximum = U32,
              example = "0")
          Long sourceOffset,
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              minimum = "0",
              maximum = U32,
              example = "8")
          Long destinationOffset,
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              minimum = "0",
              maximum = U32,
              example = "4")
          Long length,
      Boolean nonOverlapping)
      implements BatchOperationRequest {}

  /** {@code grow}: its result is {previousPages}. */
  @Schema(
      name = "BatchGrow",
      description = "Grow by pages; its result is {previousPages}",
      additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
  record Grow(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "grow") String op,
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              minimum = "0",
              maximum = "65536",
              example = "1")
          Long pages)
      implements BatchOperationRequest {}
}
