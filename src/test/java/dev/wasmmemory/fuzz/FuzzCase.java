package dev.wasmmemory.fuzz;

import dev.wasmmemory.testing.MemoryModel;
import java.util.List;

/**
 * The choices jqwik makes for one fuzzed request, before it meets the service's state: which
 * operation, and for each part of the request whether it is well-formed or how it is broken. {@link
 * FuzzRequestFactory} turns them into a concrete request against the current {@link MemoryModel}s,
 * drawing the remaining details from {@code seed}. A {@code clean} case ignores the breaking
 * choices, so that a good share of requests succeed and the memories keep changing.
 */
record FuzzCase(
    OpenApiOperations.Operation operation,
    boolean clean,
    MethodKind method,
    IdKind id,
    List<NumberKind> numbers,
    AcceptKind accept,
    ContentKind contentType,
    ConditionKind condition,
    RangeKind range,
    BodyKind body,
    long seed) {

  /** The operation's own method, HEAD for a GET, or a method the path does not have. */
  enum MethodKind {
    SPEC,
    HEAD,
    OTHER
  }

  enum IdKind {
    REAL,
    DELETED,
    UNKNOWN_UUID,
    GARBAGE
  }

  /**
   * Integers in query parameters and bodies. The first five stay within the schema and are chosen
   * relative to the memory (they may still be out of bounds); the rest break the schema.
   */
  enum NumberKind {
    IN_RANGE,
    SMALL,
    LOW_EDGE,
    HIGH_EDGE,
    PAST_END,
    ABSENT,
    MAX_U32,
    ABOVE_MAXIMUM,
    NEGATIVE,
    HUGE,
    FRACTION,
    WHOLE_FLOAT,
    NON_NUMERIC,
    QUOTED,
    NULL
  }

  enum AcceptKind {
    ABSENT,
    SPEC,
    WILDCARD,
    PROBLEM_JSON,
    WEIGHTED,
    UNSUPPORTED,
    ALL_REFUSED,
    MALFORMED,
    MANY
  }

  enum ContentKind {
    SPEC,
    SPEC_WITH_PARAMETER,
    ABSENT,
    TEXT_PLAIN,
    MALFORMED
  }

  /** {@code If-Match} on mutations, {@code If-None-Match} on reads. */
  enum ConditionKind {
    NONE,
    CURRENT,
    WEAK_CURRENT,
    STALE,
    WILDCARD,
    LIST_WITH_CURRENT,
    GARBAGE
  }

  enum RangeKind {
    NONE,
    FIRST,
    SUFFIX,
    OPEN,
    PAST_END,
    MULTIPLE,
    REVERSED,
    OTHER_UNIT,
    MALFORMED
  }

  enum BodyKind {
    VALID,
    MISSING_REQUIRED,
    EXTRA_FIELD,
    WRONG_TYPE,
    TRUNCATED,
    EMPTY,
    NOT_JSON,
    JSON_ARRAY,
    DUPLICATE_KEY,
    DEEP_NESTING,
    OVERSIZED,
    BAD_BASE64
  }
}
