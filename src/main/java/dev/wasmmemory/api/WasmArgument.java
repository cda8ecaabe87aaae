package dev.wasmmemory.api;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A typed value as a request gives it: a bare number or string ({@code 42}, {@code "-7"}, {@code
 * "NaN"}), or an object {@code {"bits":"…"}} or {@code {"type":"f32","value":1.5}} (the shape of a
 * result, so results can be sent back as arguments). Numbers keep the client's literal ({@link
 * JsonScalar}).
 */
@JsonDeserialize(using = WasmArgument.Reader.class)
@Schema(
    description =
        "A typed value: a number, a string (an i64 in decimal, \"NaN\", \"Infinity\","
            + " \"-Infinity\"; as an import binding a memory's id), or an object",
    anyOf = {Number.class, String.class, WasmArgument.Typed.class})
record WasmArgument(String type, JsonScalar value, JsonScalar bits) {

  /** The object form: a result sent back, or exact bits. */
  @Schema(
      name = "TypedArgument",
      description = "A value with its type, or its raw bits; at least one member",
      minProperties = 1,
      additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
  record Typed(
      @Schema(description = "i32, i64, f32 or f64: the parameter's type") String type,
      @Schema(
              description = "A number; an i64 also as a decimal string, a float as a name",
              anyOf = {Number.class, String.class})
          Object value,
      @Schema(description = "The raw bits, an unsigned decimal string", pattern = "^[0-9]{1,20}$")
          String bits) {}

  /** A bare string: as an import binding, a memory's id. */
  boolean isBareString() {
    return type == null && bits == null && value != null && !value.number();
  }

  static final class Reader extends ValueDeserializer<WasmArgument> {
    private final JsonScalar.Reader scalars = new JsonScalar.Reader();

    @Override
    public WasmArgument deserialize(JsonParser parser, DeserializationContext context) {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        return new WasmArgument(null, scalars.deserialize(parser, context), null);
      }
      String type = null;
      JsonScalar value = null;
      JsonScalar bits = null;
      for (String name = parser.nextName(); name != null; name = parser.nextName()) {
        parser.nextToken();
        switch (name) {
          case "type":
            type = scalars.deserialize(parser, context).text();
            break;
          case "value":
            value = scalars.deserialize(parser, context);
            break;
          case "bits":
            bits = scalars.deserialize(parser, context);
            break;
          default:
            throw MismatchedInputException.from(
                parser, WasmArgument.class, "unknown member '" + name + "' of a typed value");
        }
      }
      return new WasmArgument(type, value, bits);
    }
  }
}
