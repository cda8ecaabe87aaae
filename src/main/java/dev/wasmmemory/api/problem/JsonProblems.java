package dev.wasmmemory.api.problem;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Explains an unreadable JSON body in the client's terms (the field and what it should be) rather
 * than in Jackson's, which names our Java classes.
 */
final class JsonProblems {
  /**
   * @param index the element of the body's first array the fault is in: a batch's operation
   */
  record Described(String detail, String field, Integer index) {
    Described(String detail, String field) {
      this(detail, field, null);
    }
  }

  private static final Pattern QUOTED = Pattern.compile("[\"'](.*?)[\"']");

  private JsonProblems() {}

  static Described describe(HttpMessageNotReadableException e) {
    Described described = describeCause(e.getCause());
    Integer index = e.getCause() instanceof JacksonException json ? index(json) : null;
    if (index == null) {
      return described;
    }
    return new Described(
        "operation " + index + ": " + described.detail(), described.field(), index);
  }

  private static Described describeCause(Throwable cause) {
    if (cause instanceof UnrecognizedPropertyException unknown) {
      String field = field(unknown);
      return new Described(
          "unknown field '" + unknown.getPropertyName() + "'",
          field.isEmpty() ? unknown.getPropertyName() : field);
    }
    if (cause instanceof InvalidTypeIdException typeId) {
      Class<?> base = typeId.getBaseType() == null ? null : typeId.getBaseType().getRawClass();
      JsonTypeInfo info = base == null ? null : base.getAnnotation(JsonTypeInfo.class);
      String property = info == null ? "type" : info.property();
      String field = join(field(typeId), property);
      String detail =
          typeId.getTypeId() == null
              ? "an object with '" + property + "' is expected, '" + property + "' one of "
              : "'" + property + "' must be one of ";
      String given = typeId.getTypeId() == null ? "" : ", not '" + typeId.getTypeId() + "'";
      return new Described(detail + typeIds(base) + given, field);
    }
    if (cause instanceof InvalidNullException invalidNull) {
      String field = field(invalidNull);
      return new Described("'" + leaf(field) + "' must not be null", field);
    }
    if (cause instanceof MismatchedInputException mismatch) {
      String field = field(mismatch);
      String expected = describeType(mismatch.getTargetType());
      return new Described(
          field.isEmpty()
              ? "the body must be a JSON object"
              : "'" + leaf(field) + "' must be " + expected,
          field);
    }
    if (cause instanceof InputCoercionException outOfRange) {
      String field = field(outOfRange);
      return new Described("'" + leaf(field) + "' is out of range", field);
    }
    if (cause instanceof StreamReadException malformed && isDuplicate(malformed)) {
      String name = duplicated(malformed);
      String path = field(malformed);
      String field = path.endsWith(name) ? path : join(path, name);
      return new Described("'" + name + "' is given twice; give each field once", field);
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

  /** The path to the fault as the client would write it: {@code operations[3].offset}. */
  private static String field(JacksonException e) {
    StringBuilder field = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        field.append(field.length() == 0 ? "" : ".").append(reference.getPropertyName());
      } else {
        field.append('[').append(reference.getIndex()).append(']');
      }
    }
    return field.toString();
  }

  /** The last name of a path, as a detail that already names the operation says it. */
  private static String leaf(String path) {
    String leaf = path.substring(Math.max(path.lastIndexOf('.'), path.lastIndexOf(']')) + 1);
    return leaf.isEmpty() ? path : leaf;
  }

  private static String join(String path, String property) {
    return path.isEmpty() ? property : path + "." + property;
  }

  /** The index of the first array element on the path to the fault, or null. */
  private static Integer index(JacksonException e) {
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() == null && reference.getIndex() >= 0) {
        return reference.getIndex();
      }
    }
    return null;
  }

  /** The names a polymorphic type takes ({@code op}: setValue, set …), from its annotation. */
  private static String typeIds(Class<?> base) {
    JsonSubTypes subTypes = base == null ? null : base.getAnnotation(JsonSubTypes.class);
    if (subTypes == null) {
      return "the documented names";
    }
    return Arrays.stream(subTypes.value())
        .map(JsonSubTypes.Type::name)
        .collect(Collectors.joining(", "));
  }
}
