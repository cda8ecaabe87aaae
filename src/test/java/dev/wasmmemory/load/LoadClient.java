package dev.wasmmemory.load;

import dev.wasmmemory.testing.MemoryModel;
import dev.wasmmemory.testing.ServiceHttp;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One of {@link LoadTest}'s clients: a sequence of mixed requests, one at a time, on the shared
 * memories. The client owns {@code [regionStart, regionStart + regionLength)} in every memory and
 * is the only writer there, so a model of its own regions predicts every byte it reads back; it
 * also reads other clients' regions, whose contents it cannot predict, only their length.
 */
final class LoadClient implements Callable<LoadClient.Outcome> {
  /** What the client got acknowledged, for the checks after every client has finished. */
  record Outcome(
      int index,
      int requests,
      MemoryModel[] models,
      long[] grownPages,
      List<List<Integer>> grewFrom,
      String failure) {}

  /** Where the client may write, and how much it may do. */
  record Plan(
      List<String> memoryIds,
      int clients,
      int index,
      int regionStart,
      int regionLength,
      int initialPages,
      int maximumPages,
      int maxRequests,
      long deadlineNanos,
      long seed) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String[] VALUE_TYPES = {"i32", "i64", "f64"};

  private final ServiceHttp http;
  private final Plan plan;
  private final Random random;

  /** What each memory must hold in this client's region; the rest is other clients'. */
  private final MemoryModel[] models;

  private final long[] grownPages;
  private final List<List<Integer>> grewFrom = new ArrayList<>();
  private int requests;

  LoadClient(ServiceHttp http, Plan plan) {
    this.http = http;
    this.plan = plan;
    this.random = new Random(plan.seed());
    int memories = plan.memoryIds().size();
    this.models = new MemoryModel[memories];
    for (int m = 0; m < memories; m++) {
      models[m] =
          new MemoryModel(plan.memoryIds().get(m), plan.initialPages(), (long) plan.maximumPages());
    }
    this.grownPages = new long[memories];
    for (int m = 0; m < memories; m++) {
      grewFrom.add(new ArrayList<>());
    }
  }

  @Override
  public Outcome call() {
    String failure = null;
    try {
      while (requests < plan.maxRequests() && System.nanoTime() < plan.deadlineNanos()) {
        step();
      }
      verifyOwnRegions();
    } catch (AssertionError | Exception e) {
      failure = "client " + plan.index() + " after " + requests + " requests: " + e;
    }
    return new Outcome(plan.index(), requests, models, grownPages, grewFrom, failure);
  }

  private void step() throws Exception {
    int memory = random.nextInt(models.length);
    int choice = random.nextInt(100);
    if (choice < 13) {
      writeRaw(memory);
    } else if (choice < 18) {
      writeBase64(memory);
    } else if (choice < 28) {
      readOwn(memory);
    } else if (choice < 39) {
      writeValue(memory);
    } else if (choice < 49) {
      readValue(memory);
    } else if (choice < 57) {
      fill(memory);
    } else if (choice < 65) {
      copyWithin(memory);
    } else if (choice < 76) {
      transfer(memory);
    } else if (choice < 84) {
      grow(memory);
    } else {
      readOthers(memory);
    }
  }

  // ---- writes: each acknowledged one is applied to the model ----

  private void writeRaw(int memory) throws Exception {
    int[] span = span(4096);
    byte[] data = randomBytes(span[1]);
    expect(204, http.putBytes(bytesPath(memory, span[0]), data));
    models[memory].write(absolute(span[0]), data);
  }

  private void writeBase64(int memory) throws Exception {
    int[] span = span(1024);
    byte[] data = randomBytes(span[1]);
    String body = "{\"data\":\"" + Base64.getEncoder().encodeToString(data) + "\"}";
    expect(204, http.json("PUT", bytesPath(memory, span[0]), body));
    models[memory].write(absolute(span[0]), data);
  }

  private void writeValue(int memory) throws Exception {
    String type = VALUE_TYPES[random.nextInt(VALUE_TYPES.length)];
    int width = type.equals("i32") ? 4 : 8;
    int at = random.nextInt(plan.regionLength() - width + 1);
    long bits;
    String body;
    switch (type) {
      case "i32" -> {
        int value = random.nextInt();
        bits = value & 0xFFFF_FFFFL;
        body = "{\"value\":" + value + "}";
      }
      case "i64" -> {
        long value = random.nextLong();
        bits = value;
        body = random.nextBoolean() ? "{\"value\":\"" + value + "\"}" : "{\"value\":" + value + "}";
      }
      default -> {
        double value = randomDouble();
        if (random.nextInt(4) == 0) {
          bits = random.nextLong(); // any bits, NaN payloads included
          body = "{\"bits\":\"" + Long.toUnsignedString(bits) + "\"}";
        } else {
          bits = Double.doubleToRawLongBits(value);
          body = "{\"value\":" + floatJson(value) + "}";
        }
      }
    }
    expect(204, http.json("PUT", valuePath(memory, type, at), body));
    byte[] little = new byte[width];
    for (int i = 0; i < width; i++) {
      little[i] = (byte) (bits >>> (8 * i));
    }
    models[memory].write(absolute(at), little);
  }

  private void fill(int memory) throws Exception {
    int[] span = span(plan.regionLength());
    int value = random.nextInt(256);
    boolean defaultValue = random.nextInt(5) == 0;
    String body =
        "{\"offset\":"
            + absolute(span[0])
            + ",\"length\":"
            + span[1]
            + (defaultValue ? "" : ",\"value\":" + value)
            + "}";
    expect(204, http.json("POST", memoryPath(memory) + "/fill", body));
    models[memory].fill(absolute(span[0]), span[1], (byte) (defaultValue ? 0 : value));
  }

  private void copyWithin(int memory) throws Exception {
    int length = random.nextInt(plan.regionLength() / 2 + 1);
    int source = random.nextInt(plan.regionLength() - length + 1);
    int destination = random.nextInt(plan.regionLength() - length + 1);
    boolean overlapping = length > 0 && Math.abs(source - destination) < length;
    boolean nonOverlapping = random.nextInt(3) == 0;
    String body = copyBody(null, source, destination, length, nonOverlapping);
    HttpResponse<byte[]> response = http.json("POST", memoryPath(memory) + "/copy", body);
    if (nonOverlapping && overlapping) {
      expectProblem(422, "/problems/regions-overlap", response);
      return;
    }
    expect(204, response);
    models[memory].copyFrom(models[memory], absolute(source), absolute(destination), length);
  }

  /** A copy from this client's region in the other memory into its region in {@code memory}. */
  private void transfer(int memory) throws Exception {
    int from = (memory + 1 + random.nextInt(models.length - 1)) % models.length;
    int length = random.nextInt(plan.regionLength() + 1);
    int source = random.nextInt(plan.regionLength() - length + 1);
    int destination = random.nextInt(plan.regionLength() - length + 1);
    String body =
        copyBody(plan.memoryIds().get(from), source, destination, length, random.nextBoolean());
    expect(204, http.json("POST", memoryPath(memory) + "/copy", body));
    models[memory].copyFrom(models[from], absolute(source), absolute(destination), length);
  }

  private void grow(int memory) throws Exception {
    int pages = random.nextInt(2);
    HttpResponse<byte[]> response =
        http.json("POST", memoryPath(memory) + "/grow", "{\"pages\":" + pages + "}");
    if (response.statusCode() == 422 && pages > 0) {
      JsonNode problem = expectProblem(422, "/problems/grow-limit-exceeded", response);
      check(
          problem.path("currentPages").asInt() == plan.maximumPages(),
          "a grow past the maximum must find the memory at its maximum",
          response);
      return;
    }
    JsonNode grown = JSON.readTree(expect(200, response).body());
    int previous = grown.path("previousPages").asInt(-1);
    int current = grown.path("currentPages").asInt(-1);
    check(
        current == previous + pages
            && previous >= plan.initialPages()
            && current <= plan.maximumPages(),
        "grow by " + pages + " answered previous " + previous + ", current " + current,
        response);
    grownPages[memory] += pages;
    if (pages > 0) {
      grewFrom.get(memory).add(previous);
    }
  }

  // ---- reads ----

  private void readOwn(int memory) throws Exception {
    int[] span = span(plan.regionLength());
    if (random.nextInt(4) == 0) {
      HttpResponse<byte[]> response =
          http.get(bytesPath(memory, span[0]) + "&length=" + span[1], "application/json");
      JsonNode json = JSON.readTree(expect(200, response).body());
      check(
          json.path("offset").asLong() == absolute(span[0])
              && json.path("length").asLong() == span[1],
          "JSON bytes name another region",
          response);
      byte[] data = Base64.getDecoder().decode(json.path("data").asString());
      checkBytes(memory, span[0], data, response);
      return;
    }
    HttpResponse<byte[]> response = http.get(bytesPath(memory, span[0]) + "&length=" + span[1]);
    checkBytes(memory, span[0], expect(200, response).body(), response);
  }

  private void readValue(int memory) throws Exception {
    String type = VALUE_TYPES[random.nextInt(VALUE_TYPES.length)];
    int width = type.equals("i32") ? 4 : 8;
    int at = random.nextInt(plan.regionLength() - width + 1);
    HttpResponse<byte[]> response = http.get(valuePath(memory, type, at));
    JsonNode json = JSON.readTree(expect(200, response).body());
    ByteBuffer model =
        ByteBuffer.wrap(models[memory].read(absolute(at), width)).order(ByteOrder.LITTLE_ENDIAN);
    String expected =
        switch (type) {
          case "i32" -> Integer.toString(model.getInt(0));
          case "i64" -> Long.toString(model.getLong(0));
          default -> Long.toUnsignedString(model.getLong(0));
        };
    String actual =
        type.equals("f64") ? json.path("bits").asString() : json.path("value").asString();
    check(expected.equals(actual), type + " at " + at + ": expected " + expected, response);
  }

  /** Other clients' regions change under the read; only the shape of the answer is known. */
  private void readOthers(int memory) throws Exception {
    int other = random.nextInt(plan.clients());
    int start = plan.regionStart() + (other - plan.index()) * plan.regionLength();
    int length = random.nextInt(plan.regionLength() + 1);
    String path = memoryPath(memory) + "/bytes?offset=" + start + "&length=" + length;
    HttpResponse<byte[]> response = http.get(path);
    check(expect(200, response).body().length == length, "short read", response);
  }

  /** At the end: every byte of the client's regions as the model has them. */
  private void verifyOwnRegions() throws Exception {
    for (int m = 0; m < models.length; m++) {
      HttpResponse<byte[]> response = http.get(bytesPath(m, 0) + "&length=" + plan.regionLength());
      checkBytes(m, 0, expect(200, response).body(), response);
    }
  }

  // ---- helpers ----

  /** A random {@code [start, length]} within the own region, of at most {@code max} bytes. */
  private int[] span(int max) {
    int length = random.nextInt(Math.min(max, plan.regionLength()) + 1);
    int start = random.nextInt(plan.regionLength() - length + 1);
    return new int[] {start, length};
  }

  private long absolute(int regionOffset) {
    return (long) plan.regionStart() + regionOffset;
  }

  private String memoryPath(int memory) {
    return "/memories/" + plan.memoryIds().get(memory);
  }

  private String bytesPath(int memory, int regionOffset) {
    return memoryPath(memory) + "/bytes?offset=" + absolute(regionOffset);
  }

  private String valuePath(int memory, String type, int regionOffset) {
    return memoryPath(memory) + "/values/" + type + "?offset=" + absolute(regionOffset);
  }

  private String copyBody(
      String sourceId, int source, int destination, int length, boolean nonOverlapping) {
    return "{"
        + (sourceId == null ? "" : "\"sourceMemoryId\":\"" + sourceId + "\",")
        + "\"sourceOffset\":"
        + absolute(source)
        + ",\"destinationOffset\":"
        + absolute(destination)
        + ",\"length\":"
        + length
        + ",\"nonOverlapping\":"
        + nonOverlapping
        + "}";
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private double randomDouble() {
    return switch (random.nextInt(8)) {
      case 0 -> Double.NaN;
      case 1 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      case 2 -> -0.0;
      case 3 -> Double.MIN_VALUE;
      case 4 -> Double.MAX_VALUE;
      default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
    };
  }

  private static String floatJson(double value) {
    if (Double.isNaN(value)) {
      return "\"NaN\"";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    }
    return Double.toString(value);
  }

  private void checkBytes(int memory, int regionOffset, byte[] actual, HttpResponse<byte[]> r) {
    byte[] expected = models[memory].read(absolute(regionOffset), actual.length);
    int mismatch = Arrays.mismatch(expected, actual);
    check(
        mismatch < 0,
        "own region differs from the model at region offset " + (regionOffset + mismatch),
        r);
  }

  private HttpResponse<byte[]> expect(int status, HttpResponse<byte[]> response) {
    requests++;
    check(response.statusCode() == status, "expected " + status, response);
    return response;
  }

  private JsonNode expectProblem(int status, String type, HttpResponse<byte[]> response) {
    expect(status, response);
    JsonNode problem = JSON.readTree(response.body());
    check(type.equals(problem.path("type").asString()), "expected a " + type, response);
    return problem;
  }

  private static void check(boolean condition, String message, HttpResponse<byte[]> response) {
    if (!condition) {
      throw new AssertionError(message + ": " + ServiceHttp.describe(response));
    }
  }
}
