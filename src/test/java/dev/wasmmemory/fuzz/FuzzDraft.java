package dev.wasmmemory.fuzz;

import dev.wasmmemory.fuzz.FuzzCase.AcceptKind;
import dev.wasmmemory.fuzz.FuzzCase.ConditionKind;
import dev.wasmmemory.fuzz.FuzzCase.ContentKind;
import dev.wasmmemory.fuzz.FuzzCase.IdKind;
import dev.wasmmemory.fuzz.FuzzCase.MethodKind;
import dev.wasmmemory.fuzz.FuzzCase.NumberKind;
import dev.wasmmemory.testing.MemoryModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * One request being built from a {@link FuzzCase}: the parts every operation shares (the memory it
 * names, the method, {@code Accept}, {@code Content-Type}, the condition), and the generators the
 * operation builders ({@link FuzzMemoryOps}, {@link FuzzBytesOps}, {@link FuzzValueOps}) draw from.
 */
final class FuzzDraft {
  /** What the fuzzer knows of the service: its memories (as models) and its limits. */
  interface State {
    List<MemoryModel> live();

    List<String> deleted();

    int maxMemories();

    long maxEncodedRegion();

    long maxBodySize();

    /** Pages all models may hold data in: an upper bound of the service's budget use. */
    int dataPages();

    /** The memory's current {@code ETag}, fetched from the service. */
    String currentTag(String id);

    void created(MemoryModel memory);

    void dropped(String id);

    /** Whether share links exist (memory.security=jwt). */
    boolean sharesEnabled();

    /** The share links made of the memory and not revoked. */
    List<String> shares(String memoryId);

    void shared(String memoryId, String shareId);

    void revoked(String memoryId, String shareId);

    /** The snapshots taken of the memory and not deleted: their models, by id. */
    Map<String, MemoryModel> snapshots(String memoryId);
  }

  static final long MAX_U32 = 4_294_967_295L;

  /** A request that may need more pages than this is allowed a 507 memory-budget-exceeded. */
  static final int BUDGET_SAFE_PAGES = 128;

  private static final List<String> GARBAGE_IDS =
      List.of(
          "not-a-uuid",
          "%20",
          "%2e%2e",
          "%2F",
          "a%00b",
          "%C3%BC",
          "%3Cscript%3E",
          "x".repeat(300),
          "12345678-1234-1234-1234-123456789012",
          "*",
          ";jsessionid=1");
  private static final List<String> OTHER_METHODS =
      List.of("PATCH", "PUT", "POST", "DELETE", "TRACE", "FOO", "OPTIONS");

  final FuzzCase fuzzCase;
  final OpenApiOperations.Operation operation;
  final State state;
  final Random random;
  final FuzzRequest request;
  final FuzzNumbers numbers;
  final FuzzBodies bodies;
  final FuzzValues values;

  /** The memory the path names, when it is one the fuzzer holds; null otherwise. */
  MemoryModel target;

  String idText = "";
  private int numberIndex;

  FuzzDraft(FuzzCase fuzzCase, State state) {
    this.fuzzCase = fuzzCase;
    this.operation = fuzzCase.operation();
    this.state = state;
    this.random = new Random(fuzzCase.seed());
    this.request = new FuzzRequest(operation.id(), operation.method());
    this.numbers = new FuzzNumbers(random);
    this.bodies = new FuzzBodies(random);
    this.values = new FuzzValues(random);
  }

  boolean clean() {
    return fuzzCase.clean();
  }

  /** The next integer choice: always well-formed in a clean case. */
  NumberKind nextNumber() {
    if (clean()) {
      int roll = random.nextInt(100);
      return roll < 70
          ? NumberKind.IN_RANGE
          : roll < 85 ? NumberKind.SMALL : roll < 92 ? NumberKind.LOW_EDGE : NumberKind.HIGH_EDGE;
    }
    List<NumberKind> kinds = fuzzCase.numbers();
    return kinds.get(numberIndex++ % kinds.size());
  }

  FuzzCase.BodyKind bodyKind() {
    return clean() ? FuzzCase.BodyKind.VALID : fuzzCase.body();
  }

  long randomUpTo(long bound) {
    return bound <= 0 ? 0 : Math.floorMod(random.nextLong(), bound + 1);
  }

  // ---- the memory in the path ----

  void chooseMemory() {
    IdKind kind = clean() ? IdKind.REAL : fuzzCase.id();
    List<MemoryModel> live = state.live();
    if (kind == IdKind.REAL && !live.isEmpty()) {
      target = live.get(random.nextInt(live.size()));
      idText = target.id;
      return;
    }
    switch (kind) {
      case DELETED -> {
        List<String> deleted = state.deleted();
        idText =
            deleted.isEmpty()
                ? UUID.randomUUID().toString()
                : deleted.get(random.nextInt(deleted.size()));
        request.fault(404, "a deleted memory");
      }
      case GARBAGE -> {
        idText = GARBAGE_IDS.get(random.nextInt(GARBAGE_IDS.size()));
        request.fault(0, "a garbage id");
      }
      default -> {
        idText = UUID.randomUUID().toString();
        request.fault(404, "an unknown memory");
      }
    }
  }

  /** The memory a well-formed number is chosen for: the target, or a one-page stand-in. */
  MemoryModel sized() {
    return target != null ? target : new MemoryModel("none", 1, 4L);
  }

  // ---- method ----

  /** The method; a method the path does not have is a 405 (OPTIONS is left open). */
  void chooseMethod(Set<String> pathMethods) {
    MethodKind kind = clean() ? MethodKind.SPEC : fuzzCase.method();
    if (kind == MethodKind.HEAD) {
      request.method = "HEAD";
      if (!pathMethods.contains("GET")) {
        request.fault(405, "HEAD where there is no GET");
      } else if (!operation.method().equals("GET")) {
        // The HEAD of the path's GET, with parameters meant for another operation.
        request.faults.clear();
        request.faultStatuses.clear();
        request.uncertain("HEAD of the GET of " + operation.path());
      }
    } else if (kind == MethodKind.OTHER) {
      List<String> others = new ArrayList<>(OTHER_METHODS);
      others.removeAll(pathMethods);
      request.method = others.get(random.nextInt(others.size()));
      if (request.method.equals("OPTIONS")) {
        // CORS preflight and Allow: the service answers OPTIONS without looking at the request.
        request.faults.clear();
        request.faultStatuses.clear();
        request.uncertain("OPTIONS");
      } else {
        request.fault(405, request.method + " is not a method of " + operation.path());
      }
    }
  }

  boolean specMethod() {
    return request.method.equals(operation.method());
  }

  // ---- headers ----

  /**
   * {@code Accept} for an operation that answers JSON ({@code hasBody}) or nothing (204): for the
   * latter the contract says nothing about {@code Accept}.
   */
  void acceptJson(boolean hasBody) {
    AcceptKind kind =
        clean() ? (random.nextBoolean() ? AcceptKind.SPEC : AcceptKind.ABSENT) : fuzzCase.accept();
    String header =
        switch (kind) {
          case ABSENT -> null;
          case SPEC -> "application/json";
          case WILDCARD -> "*/*";
          case WEIGHTED -> "text/plain;q=0.5, application/json";
          case PROBLEM_JSON -> "application/problem+json";
          case UNSUPPORTED -> "application/xml";
          case ALL_REFUSED -> "application/json;q=0";
          case MALFORMED -> malformedAccept();
          case MANY -> manyMediaTypes("application/json");
        };
    if (header != null) {
      request.headers.put("Accept", header);
    }
    // Every error is a problem whatever the client accepts: naming only problems is no preference.
    boolean refused = kind == AcceptKind.UNSUPPORTED;
    if (refused && hasBody) {
      request.fault(406, "Accept " + header);
    } else if (refused
        || kind == AcceptKind.MALFORMED
        || kind == AcceptKind.MANY
        || kind == AcceptKind.ALL_REFUSED) {
      // RFC 9110 makes q=0 "not acceptable", Spring's produces condition ignores it; the contract
      // is silent. Malformed and very long Accept headers must not break anything (no 5xx).
      request.uncertain("Accept " + abbreviate(header));
    }
  }

  String malformedAccept() {
    return List.of(";;;", "text/plain;q=abc", "application/", "text/plain;q=2", "*/json")
        .get(random.nextInt(5));
  }

  /** Sixty media types nobody serves, then the one wanted. */
  String manyMediaTypes(String wanted) {
    StringBuilder header = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      header.append("application/x-fuzz").append(i).append(", ");
    }
    return header.append(wanted).toString();
  }

  /**
   * {@code Content-Type} for a body of {@code mediaType}; returns the media type the service should
   * read the body as ({@code null} when it should refuse it with a 415).
   */
  String contentType(String mediaType, boolean absentMeansRaw) {
    ContentKind kind = clean() ? ContentKind.SPEC : fuzzCase.contentType();
    switch (kind) {
      case SPEC -> request.headers.put("Content-Type", mediaType);
      case SPEC_WITH_PARAMETER ->
          request.headers.put(
              "Content-Type",
              mediaType.equals("application/json")
                  ? "application/json;charset=UTF-8"
                  : mediaType + "; fuzz=1");
      case ABSENT -> {
        if (absentMeansRaw) {
          return "application/octet-stream";
        }
        request.fault(415, "no Content-Type");
        return null;
      }
      case TEXT_PLAIN -> {
        request.headers.put("Content-Type", "text/plain");
        request.fault(415, "Content-Type text/plain");
        return null;
      }
      case MALFORMED -> {
        String header =
            List.of("garbage", "application/json; charset=bogus", "/", "json")
                .get(random.nextInt(4));
        request.headers.put("Content-Type", header);
        request.fault(415, "Content-Type " + header);
        return null;
      }
    }
    return mediaType;
  }

  /** A body where the operation takes none: the contract is silent. */
  void strayBody() {
    if (!clean() && fuzzCase.contentType() != ContentKind.SPEC) {
      request.headers.put("Content-Type", "application/json");
      request.body = "{\"stray\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      request.uncertain("a body where none belongs");
    }
  }

  // ---- conditions ----

  /** {@code If-Match} on a mutation: a stale, weak or garbage tag is a 412. */
  void ifMatch() {
    if (!operation.hasHeader("If-Match")) {
      return;
    }
    ConditionKind kind = cleanCondition();
    String current = target == null ? "\"1\"" : state.currentTag(target.id);
    String header =
        switch (kind) {
          case NONE -> null;
          case CURRENT -> current;
          case WEAK_CURRENT -> "W/" + current;
          case STALE -> stale(current);
          case WILDCARD -> "*";
          case LIST_WITH_CURRENT -> stale(current) + ", " + current;
          case GARBAGE -> random.nextBoolean() ? "garbage" : "\"unterminated";
        };
    if (header == null) {
      return;
    }
    request.headers.put("If-Match", header);
    if (kind == ConditionKind.WEAK_CURRENT
        || kind == ConditionKind.STALE
        || kind == ConditionKind.GARBAGE) {
      request.fault(412, "If-Match " + header);
    }
  }

  /** {@code If-None-Match} on a read: the current tag (weakly), or {@code *}, is a 304. */
  void ifNoneMatch() {
    ifNoneMatch("");
  }

  /**
   * {@code If-None-Match} on a read of a representation whose tag is the memory's with {@code
   * suffix} (the JSON and hex representations of the bytes have their own).
   */
  void ifNoneMatch(String suffix) {
    if (!operation.hasHeader("If-None-Match")) {
      return;
    }
    ConditionKind kind = cleanCondition();
    String memoryTag = target == null ? "\"1\"" : state.currentTag(target.id);
    String current = memoryTag.substring(0, memoryTag.length() - 1) + suffix + "\"";
    String header =
        switch (kind) {
          case NONE -> null;
          case CURRENT -> current;
          case WEAK_CURRENT -> "W/" + current;
          case STALE -> stale(current);
          case WILDCARD -> "*";
          case LIST_WITH_CURRENT -> stale(current) + ", " + current;
          case GARBAGE -> "garbage";
        };
    if (header == null) {
      return;
    }
    request.headers.put("If-None-Match", header);
    boolean matches =
        kind != ConditionKind.STALE && kind != ConditionKind.GARBAGE && target != null;
    request.notModified = matches;
  }

  private ConditionKind cleanCondition() {
    if (!clean()) {
      return fuzzCase.condition();
    }
    int roll = random.nextInt(10);
    return roll < 7
        ? ConditionKind.NONE
        : roll < 9 ? ConditionKind.CURRENT : ConditionKind.WILDCARD;
  }

  private String stale(String current) {
    String digits = current.replaceAll("[^0-9]", "");
    long version = digits.isEmpty() ? 0 : Long.parseLong(digits);
    return "\"" + (version + 1 + random.nextInt(1000)) + "\"";
  }

  static String abbreviate(String text) {
    return text == null || text.length() <= 60 ? text : text.substring(0, 57) + "…";
  }
}
