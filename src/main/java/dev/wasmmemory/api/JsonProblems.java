package dev.wasmmemory.api;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Explains an unreadable JSON body in the client's terms (the field and what it should be) rather
 * than in Jackson's, which names our Java classes.
 */
final class JsonProblems {
  record Described(String detail, String field) {}

  private JsonProblems() {}

  static Described describe(HttpMessageNotReadableException e) {
    Throwable cause = e.getCause();
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return new Described(
          "unknown field '" + unknown.getPropertyName() + "'", unknown.getPropertyName());
    }
    if (cause instanceof InvalidNullException invalidNull) {
      String field = field(invalidNull);
      return new Described("'" + field + "' must not be null", field);
    }
    if (cause instanceof MismatchedInputException mismatch) {
      String field = field(mismatch);
      String expected =
          mismatch.getTargetType() == null
              ? "of another type"
              : describeType(mismatch.getTargetType());
      return new Described(
          field.isEmpty()
              ? "the body must be a JSON object"
              : "'" + field + "' must be " + expected,
          field);
    }
    if (cause instanceof InputCoercionException outOfRange) {
      String field = field(outOfRange);
      return new Described("'" + field + "' is out of range", field);
    }
    if (cause instanceof StreamReadException malformed) {
      return new Described("malformed JSON: " + malformed.getOriginalMessage(), null);
    }
    if (cause instanceof JacksonException other) {
      return new Described("unreadable JSON: " + other.getOriginalMessage(), field(other));
    }
    return new Described("the request body is missing or unreadable", null);
  }

  /** A Java type as a client would say it. */
  static String describeType(Class<?> type) {
    if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == JsonScalar.class) {
      return "a number or a string";
    }
    if (type == String.class) {
      return "a string";
    }
    return "a JSON object";
  }

  private static String field(JacksonException e) {
    List<JacksonException.Reference> path = e.getPath();
    return path.stream()
        .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
  }
}
