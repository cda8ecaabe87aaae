package dev.wasmmemory.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON number or string exactly as the client wrote it: {@code 1.0000000000000001} stays a
 * fraction, {@code -0.0} keeps its sign, and {@code 1e400} is not turned into an infinity before
 * {@link TypedValues} can refuse it.
 *
 * @param text the number's literal, or the string's value
 * @param number whether it was a JSON number
 */
@JsonDeserialize(using = JsonScalar.Reader.class)
@JsonClassDescription("a number or a string")
public record JsonScalar(String text, boolean number) {

  static final class Reader extends ValueDeserializer<JsonScalar> {
    @Override
    public JsonScalar deserialize(JsonParser parser, DeserializationContext context) {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
        return new JsonScalar(parser.getString(), true);
      }
      if (token == JsonToken.VALUE_STRING) {
        return new JsonScalar(parser.getString(), false);
      }
      throw MismatchedInputException.from(parser, JsonScalar.class, "a number or a string");
    }
  }
}
