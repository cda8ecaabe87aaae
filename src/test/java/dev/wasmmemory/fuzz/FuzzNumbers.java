package dev.wasmmemory.fuzz;

import dev.wasmmemory.fuzz.FuzzCase.NumberKind;
import java.util.List;
import java.util.Random;

/**
 * Integers for query parameters and JSON properties: well-formed ones chosen for the memory at
 * hand, and every way of getting an integer wrong, each noted on the request as a fault with the
 * status the contract gives it.
 */
final class FuzzNumbers {
  /** An integer as the request carries it; {@code value} is null when absent, null or refused. */
  record Number(String json, String query, Long value) {
    boolean absent() {
      return json == null;
    }

    /** Broken: the request has a fault for it, and it stands for no value. */
    boolean refused() {
      return value == null && json != null && !json.equals("null");
    }
  }

  /**
   * The well-formed candidates for one parameter, relative to the memory: any value that makes
   * sense, a small one, the lowest, the highest that fits, and one just past what fits.
   */
  record Role(
      long inRange,
      long small,
      long low,
      long high,
      long pastEnd,
      long schemaMaximum,
      boolean required) {}

  private static final List<String> HUGE =
      List.of("18446744073709551616", "99999999999999999999999999", "9223372036854775808", "1e30");
  private static final List<String> NEGATIVE = List.of("-1", "-9223372036854775808", "-4294967296");
  private static final List<String> NON_NUMERIC_JSON = List.of("true", "\"abc\"", "{}", "[1]");
  private static final List<String> NON_NUMERIC_QUERY =
      List.of("abc", "0x10", "%2310", "1_0", "NaN");

  private final Random random;

  FuzzNumbers(Random random) {
    this.random = random;
  }

  /** {@code inQuery}: the number goes into the query string, not a JSON body. */
  Number resolve(NumberKind kind, Role role, String field, boolean inQuery, FuzzRequest request) {
    return switch (kind) {
      case IN_RANGE -> whole(role.inRange(), role, field, request);
      case SMALL -> whole(role.small(), role, field, request);
      case LOW_EDGE -> whole(role.low(), role, field, request);
      case HIGH_EDGE -> whole(role.high(), role, field, request);
      case PAST_END -> whole(role.pastEnd(), role, field, request);
      case MAX_U32 -> whole(4_294_967_295L, role, field, request);
      case ABOVE_MAXIMUM -> whole(role.schemaMaximum() + 1, role, field, request);
      case ABSENT -> missing(null, null, role, field, false, request);
      case NULL -> missing("null", "", role, field, inQuery, request);
      case NEGATIVE -> refused(pick(NEGATIVE), field, "negative", request);
      case HUGE -> refused(pick(HUGE), field, "huge", request);
      case FRACTION -> refused(role.inRange() + ".5", field, "fractional", request);
      case NON_NUMERIC -> {
        request.fault(400, "'" + field + "' not a number");
        yield new Number(pick(NON_NUMERIC_JSON), pick(NON_NUMERIC_QUERY), null);
      }
      case QUOTED -> {
        request.fault(400, "'" + field + "' a string, not a number");
        yield new Number("\"" + role.inRange() + "\"", "%22" + role.inRange() + "%22", null);
      }
      case WHOLE_FLOAT -> {
        // 3.0 and 3e0 are whole numbers written as floats: the contract is silent on them.
        request.uncertain("'" + field + "' a whole number written as a float");
        String text = role.inRange() + (random.nextBoolean() ? ".0" : "e0");
        yield new Number(text, text, role.inRange());
      }
    };
  }

  private Number whole(long value, Role role, String field, FuzzRequest request) {
    if (value < 0 || value > role.schemaMaximum()) {
      request.fault(400, "'" + field + "' " + value + " outside 0.." + role.schemaMaximum());
      return new Number(Long.toString(value), Long.toString(value), null);
    }
    return new Number(Long.toString(value), Long.toString(value), value);
  }

  private static Number missing(
      String json, String query, Role role, String field, boolean inQuery, FuzzRequest request) {
    if (role.required()) {
      request.fault(400, "'" + field + "' missing");
    } else if (inQuery && query != null) {
      request.uncertain("'" + field + "' given empty in the query");
    }
    return new Number(json, query, null);
  }

  private static Number refused(String text, String field, String what, FuzzRequest request) {
    request.fault(400, "'" + field + "' " + what);
    return new Number(text, text.replace("+", "%2B"), null);
  }

  private String pick(List<String> choices) {
    return choices.get(random.nextInt(choices.size()));
  }
}
