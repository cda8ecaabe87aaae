package dev.wasmmemory.api.problem;

import java.util.stream.Stream;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;

/** One entry of an invalid request's {@code errors} member: a field and what is wrong with it. */
record FieldError(String field, String message) {
  static FieldError of(String field, String message) {
    return new FieldError(field, String.valueOf(message));
  }

  /** A body's errors name its JSON fields; a parameter's, the parameter. */
  static Stream<FieldError> of(ParameterValidationResult result) {
    if (result instanceof ParameterErrors errors && errors.hasFieldErrors()) {
      return errors.getFieldErrors().stream().map(e -> of(e.getField(), e.getDefaultMessage()));
    }
    String name = String.valueOf(result.getMethodParameter().getParameterName());
    return result.getResolvableErrors().stream().map(e -> of(name, e.getDefaultMessage()));
  }

  /** The problem's detail when this is the first error. */
  String describe() {
    return "'" + field + "' " + message;
  }
}
