package dev.wasmmemory.fuzz;

import dev.wasmmemory.WasmMemoryApplication;
import dev.wasmmemory.fuzz.FuzzCase.AcceptKind;
import dev.wasmmemory.fuzz.FuzzCase.BodyKind;
import dev.wasmmemory.fuzz.FuzzCase.ConditionKind;
import dev.wasmmemory.fuzz.FuzzCase.ContentKind;
import dev.wasmmemory.fuzz.FuzzCase.IdKind;
import dev.wasmmemory.fuzz.FuzzCase.MethodKind;
import dev.wasmmemory.fuzz.FuzzCase.NumberKind;
import dev.wasmmemory.fuzz.FuzzCase.RangeKind;
import dev.wasmmemory.service.MemoryRegistry;
import dev.wasmmemory.testing.LimitedMemories;
import dev.wasmmemory.testing.ServiceHttp;
import dev.wasmmemory.testing.Tokens;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Requests generated from the operations of {@code openapi/openapi.yaml}, well-formed and broken in
 * every part (ids, query parameters, headers, JSON and raw bodies), sent one at a time to a real
 * service on the loopback interface. Invariants (see {@link FuzzOracle}): no 5xx, problem details
 * on every 4xx, the contract's status where it gives one, never a 2xx for a request it refuses; and
 * no byte changes but by acknowledged mutations: each memory has a model that only 2xx mutations
 * change, compared with the service's bytes on every successful read and periodically.
 *
 * <p>jqwik drives the generation; its lifecycle does not run Spring's test extension, so the
 * service is started once per class with {@link SpringApplication#run}. Shrinking is off: the
 * requests share the service's state. A failure prints jqwik's seed; {@code -Dfuzz.collect=true}
 * keeps going and reports every violation at the end. The build runs it a second time with {@code
 * -Dfuzz.jwt=true}: in jwt mode, as one owner with both scopes (share links exist there).
 */
class ApiFuzzTest {
  private static final int TRIES = 500;
  private static final long TIME_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(50);
  private static final int COMPARE_EVERY = 25;
  private static final boolean COLLECT = Boolean.getBoolean("fuzz.collect");

  /** {@code -Dfuzz.jwt=true}: the service in jwt mode, every request with the fuzzer's token. */
  private static final boolean JWT = Boolean.getBoolean("fuzz.jwt");

  /** The memory operations: the model knows memories; modules are tested in module/ and api/. */
  private static final List<OpenApiOperations.Operation> OPERATIONS =
      OpenApiOperations.load(Path.of("openapi/openapi.yaml")).stream()
          .filter(operation -> operation.path().startsWith("/memories"))
          .toList();

  private static final Map<String, Integer> OPERATION_WEIGHTS =
      Map.ofEntries(
          Map.entry("createMemory", 5),
          Map.entry("listMemories", 3),
          Map.entry("getMemory", 7),
          Map.entry("deleteMemory", 2),
          Map.entry("eraseMemory", 3),
          Map.entry("growMemory", 8),
          Map.entry("fillMemory", 10),
          Map.entry("copyMemory", 12),
          Map.entry("readBytes", 16),
          Map.entry("writeBytes", 15),
          Map.entry("readValue", 10),
          Map.entry("writeValue", 12),
          Map.entry("runBatch", 10));

  private static ConfigurableApplicationContext service;
  private static ServiceHttp http;
  private static FuzzState state;
  private static final FuzzRequestFactory FACTORY = new FuzzRequestFactory(OPERATIONS);
  private static final Deque<String> RECENT = new ArrayDeque<>();
  private static final List<String> VIOLATIONS = new ArrayList<>();
  private static final Map<Integer, Integer> STATUSES = new TreeMap<>();
  private static final TreeSet<String> UNDOCUMENTED = new TreeSet<>();
  private static long started;
  private static int sent;

  @BeforeContainer
  static void startService() {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                "--spring.jmx.enabled=false",
                "--memory.budget=32MB",
                "--memory.max-body-size=256KB",
                "--memory.max-json-body-size=64KB",
                "--memory.max-encoded-region=64KB",
                "--memory.max-memories=12"));
    if (JWT) {
      args.addAll(
          List.of("--memory.security=jwt", "--memory.security.jwt.secret=" + Tokens.SECRET));
    }
    service = SpringApplication.run(WasmMemoryApplication.class, args.toArray(String[]::new));
    // A store shared with other suites (Redis) holds their memories too: start from none.
    LimitedMemories.dropAll(service.getBean(MemoryRegistry.class));
    int port = ((WebServerApplicationContext) service).getWebServer().getPort();
    http = new ServiceHttp(port);
    if (JWT) {
      http = http.withBearer(Tokens.of("fuzzer-" + UUID.randomUUID()));
    }
    state = new FuzzState(http, 12, 64 * 1024, 256 * 1024, JWT);
    started = System.nanoTime();
  }

  @AfterContainer
  static void stopService() {
    if (service != null) {
      service.close();
    }
  }

  @Property(
      tries = TRIES,
      shrinking = ShrinkingMode.OFF,
      afterFailure = AfterFailureMode.RANDOM_SEED)
  void noAnswerBreaksTheContractAndNoByteChangesUnacknowledged(@ForAll("cases") FuzzCase fuzzCase)
      throws Exception {
    if (System.nanoTime() - started > TIME_BUDGET_NANOS) {
      return;
    }
    state.ensureMemories(2);
    FuzzRequest request = FACTORY.build(fuzzCase, state);
    List<String> violations = new ArrayList<>();
    HttpResponse<byte[]> response = null;
    try {
      response = http.send(request.method, request.path.toString(), request.headers, request.body);
      violations.addAll(FuzzOracle.violations(request, response));
    } catch (IOException e) {
      violations.add("no answer: " + e);
    }
    remember(request, response);
    if (violations.isEmpty() && response.statusCode() / 100 == 2) {
      request.effect.accept(response);
    }
    if (!violations.isEmpty()) {
      report(
          request.describe() + "\n  -> " + answer(response) + "\n  violates: " + violations,
          request.memoryId);
    }
    if (sent % COMPARE_EVERY == 0) {
      compareModels();
    }
  }

  @AfterProperty
  void compareAtTheEnd() throws Exception {
    compareModels();
    System.out.printf(
        "ApiFuzzTest: %d requests in %d ms; statuses %s%n  answered but not in the OpenAPI"
            + " responses of the operation: %s%n",
        sent, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), STATUSES, UNDOCUMENTED);
    if (!UNDOCUMENTED.isEmpty()) {
      // A generated client would not expect these: the spec must list every status answered.
      VIOLATIONS.add("statuses answered but not documented for the operation: " + UNDOCUMENTED);
    }
    if (!VIOLATIONS.isEmpty()) {
      Map<String, Integer> kinds = new TreeMap<>();
      for (String violation : VIOLATIONS) {
        kinds.merge(
            violation.replaceAll("(?s).*violates: ", "").replaceAll("[0-9a-f-]{36}", "<id>"),
            1,
            Integer::sum);
      }
      throw new AssertionError(
          VIOLATIONS.size()
              + " violations, by kind: "
              + kinds
              + "\n\n"
              + String.join("\n\n", VIOLATIONS));
    }
  }

  private static void compareModels() throws Exception {
    for (String difference : state.compareAll()) {
      report(
          "the service's bytes or size differ from the model: "
              + difference
              + "\n  the last requests were:\n    "
              + String.join("\n    ", RECENT),
          null);
    }
  }

  private static void report(String violation, String suspect) throws Exception {
    if (!COLLECT) {
      throw new AssertionError(violation);
    }
    VIOLATIONS.add(violation);
    String memory = suspect;
    if (memory == null && violation.startsWith("the service's bytes")) {
      memory = violation.replaceAll("(?s).*memory ([0-9a-f-]{36}).*", "$1");
    }
    state.resync(memory);
  }

  private static void remember(FuzzRequest request, HttpResponse<byte[]> response) {
    sent++;
    RECENT.addLast(request.describe().replace("\n", " ") + " -> " + answer(response));
    if (RECENT.size() > 8) {
      RECENT.removeFirst();
    }
    if (response != null) {
      STATUSES.merge(response.statusCode(), 1, Integer::sum);
      OPERATIONS.stream()
          .filter(op -> op.id().equals(request.operationId) && op.method().equals(request.method))
          .filter(op -> !op.responses().contains(Integer.toString(response.statusCode())))
          .forEach(op -> UNDOCUMENTED.add(op.id() + " " + response.statusCode()));
    }
  }

  private static String answer(HttpResponse<byte[]> response) {
    return response == null ? "(no answer)" : ServiceHttp.describe(response);
  }

  // ---- generation ----

  @Provide
  Arbitrary<FuzzCase> cases() {
    Arbitrary<OpenApiOperations.Operation> operations =
        Arbitraries.frequency(
            OPERATIONS.stream()
                .map(op -> Tuple.of(OPERATION_WEIGHTS.getOrDefault(op.id(), 5), op))
                .toArray(Tuple.Tuple2[]::new));
    Arbitrary<Boolean> clean = Arbitraries.frequency(Tuple.of(2, true), Tuple.of(3, false));
    Arbitrary<MethodKind> methods =
        Arbitraries.frequency(
            Tuple.of(90, MethodKind.SPEC),
            Tuple.of(4, MethodKind.HEAD),
            Tuple.of(6, MethodKind.OTHER));
    Arbitrary<IdKind> ids =
        Arbitraries.frequency(
            Tuple.of(80, IdKind.REAL), Tuple.of(5, IdKind.DELETED),
            Tuple.of(7, IdKind.UNKNOWN_UUID), Tuple.of(8, IdKind.GARBAGE));
    Arbitrary<List<NumberKind>> numbers = numberKinds().list().ofSize(5);
    Arbitrary<AcceptKind> accepts =
        Arbitraries.frequency(
            Tuple.of(30, AcceptKind.ABSENT),
            Tuple.of(40, AcceptKind.SPEC),
            Tuple.of(5, AcceptKind.WILDCARD),
            Tuple.of(5, AcceptKind.WEIGHTED),
            Tuple.of(4, AcceptKind.PROBLEM_JSON),
            Tuple.of(4, AcceptKind.UNSUPPORTED),
            Tuple.of(4, AcceptKind.ALL_REFUSED),
            Tuple.of(4, AcceptKind.MALFORMED),
            Tuple.of(4, AcceptKind.MANY));
    Arbitrary<ContentKind> contents =
        Arbitraries.frequency(
            Tuple.of(75, ContentKind.SPEC),
            Tuple.of(8, ContentKind.SPEC_WITH_PARAMETER),
            Tuple.of(6, ContentKind.ABSENT),
            Tuple.of(5, ContentKind.TEXT_PLAIN),
            Tuple.of(6, ContentKind.MALFORMED));
    Arbitrary<ConditionKind> conditions =
        Arbitraries.frequency(
            Tuple.of(60, ConditionKind.NONE),
            Tuple.of(10, ConditionKind.CURRENT),
            Tuple.of(5, ConditionKind.WEAK_CURRENT),
            Tuple.of(8, ConditionKind.STALE),
            Tuple.of(6, ConditionKind.WILDCARD),
            Tuple.of(5, ConditionKind.LIST_WITH_CURRENT),
            Tuple.of(6, ConditionKind.GARBAGE));
    Arbitrary<RangeKind> ranges =
        Arbitraries.frequency(
            Tuple.of(50, RangeKind.NONE),
            Tuple.of(10, RangeKind.FIRST),
            Tuple.of(8, RangeKind.SUFFIX),
            Tuple.of(8, RangeKind.OPEN),
            Tuple.of(6, RangeKind.PAST_END),
            Tuple.of(5, RangeKind.MULTIPLE),
            Tuple.of(4, RangeKind.REVERSED),
            Tuple.of(4, RangeKind.OTHER_UNIT),
            Tuple.of(5, RangeKind.MALFORMED));
    Arbitrary<BodyKind> bodies =
        Arbitraries.frequency(
            Tuple.of(45, BodyKind.VALID), Tuple.of(5, BodyKind.MISSING_REQUIRED),
            Tuple.of(5, BodyKind.EXTRA_FIELD), Tuple.of(8, BodyKind.WRONG_TYPE),
            Tuple.of(5, BodyKind.TRUNCATED), Tuple.of(3, BodyKind.EMPTY),
            Tuple.of(3, BodyKind.NOT_JSON), Tuple.of(3, BodyKind.JSON_ARRAY),
            Tuple.of(4, BodyKind.DUPLICATE_KEY), Tuple.of(3, BodyKind.DEEP_NESTING),
            Tuple.of(4, BodyKind.OVERSIZED), Tuple.of(6, BodyKind.BAD_BASE64));
    Arbitrary<
            Tuple.Tuple8<
                OpenApiOperations.Operation,
                Boolean,
                MethodKind,
                IdKind,
                List<NumberKind>,
                AcceptKind,
                ContentKind,
                ConditionKind>>
        first =
            Combinators.combine(
                    operations, clean, methods, ids, numbers, accepts, contents, conditions)
                .as(Tuple::of);
    return Combinators.combine(first, ranges, bodies, Arbitraries.longs())
        .as(
            (a, range, body, seed) ->
                new FuzzCase(
                    a.get1(), a.get2(), a.get3(), a.get4(), a.get5(), a.get6(), a.get7(), a.get8(),
                    range, body, seed));
  }

  private static Arbitrary<NumberKind> numberKinds() {
    return Arbitraries.frequency(
        Tuple.of(40, NumberKind.IN_RANGE),
        Tuple.of(10, NumberKind.SMALL),
        Tuple.of(6, NumberKind.LOW_EDGE),
        Tuple.of(6, NumberKind.HIGH_EDGE),
        Tuple.of(5, NumberKind.PAST_END),
        Tuple.of(5, NumberKind.ABSENT),
        Tuple.of(3, NumberKind.MAX_U32),
        Tuple.of(3, NumberKind.ABOVE_MAXIMUM),
        Tuple.of(3, NumberKind.NEGATIVE),
        Tuple.of(3, NumberKind.HUGE),
        Tuple.of(3, NumberKind.FRACTION),
        Tuple.of(3, NumberKind.WHOLE_FLOAT),
        Tuple.of(3, NumberKind.NON_NUMERIC),
        Tuple.of(3, NumberKind.QUOTED),
        Tuple.of(3, NumberKind.NULL));
  }
}
