package dev.wasmmemory.api.problem;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  private static final Pattern QUOTED = Pattern.compile("[\"'](.*?)[\"']");

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
      String expected = describeType(mismatch.getTargetType());
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
    if (cause instanceof StreamReadException malformed && isDuplicate(malformed)) {
      String field = duplicated(malformed);
      return new Described("'" + field + "' is given twice; give each field once", field);
    }
    if (cause instanceof StreamReadException malformed) {
      return new Described("malformed JSON: " + malformed.getOriginalMessage(), null);
    }
    if (cause instanceof JacksonException other) {
      return new Described("unreadable JSON: " + other.getOriginalMessage(), field(other));
    }
    return new Described("the request body is missing or unreadable", null);
  }

  /** A Java type as a client would say it; a type of ours says it with its description. */
  static String describeType(Class<?> type) {
    if (type == null) {
      return "a value of another type";
    }
    if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    JsonClassDescription description = type.getAnnotation(JsonClassDescription.class);
    return description != null ? description.value() : "a JSON object";
  }

  /** Jackson's strict duplicate detection: a parse error that quotes the property's name. */
  private static boolean isDuplicate(StreamReadException e) {
    return String.valueOf(e.getOriginalMessage()).startsWith("Duplicate ");
  }

  /** The duplicated property, from the message: the parser knows no path to it yet. */
  private static String duplicated(StreamReadException e) {
    Matcher quoted = QUOTED.matcher(e.getOriginalMessage());
    return quoted.find() ? quoted.group(1) : field(e);
  }

  private static String field(JacksonException e) {
    List<JacksonException.Reference> path = e.getPath();
    return path.stream()
        .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
  }
}
