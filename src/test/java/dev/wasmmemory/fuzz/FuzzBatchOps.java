package dev.wasmmemory.fuzz;

import static dev.wasmmemory.fuzz.FuzzMemoryOps.JSON;

import dev.wasmmemory.fuzz.FuzzCase.NumberKind;
import dev.wasmmemory.testing.MemoryModel;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The builder for {@code POST /memories/{id}/batch}: a few operations planned on a copy of the
 * target's model, so that each one is chosen for the size the memory has when it runs and each
 * result is known in advance; in a broken case one operation (its index) is malformed or fails.
 * Success applies them all to the model, in order; anything else applies none.
 */
final class FuzzBatchOps {
  private static final List<String> TYPES = List.of("u8", "i16", "u32", "i64", "f64");

  private FuzzBatchOps() {}

  /** One planned operation: its JSON, the check of its result, its effect on a model. */
  private record Planned(
      String json, Function<JsonNode, String> check, Consumer<MemoryModel> effect) {}

  static void runBatch(FuzzDraft d) {
    FuzzRequest r = d.request;
    FuzzMemoryOps.memoryPath(d, "/batch");
    d.acceptJson(true);
    d.ifMatch();
    OpenApiOperations.Schema schema = d.operation.bodies().get("application/json");
    d.contentType("application/json", false);
    MemoryModel plan = d.sized().copy();
    int count = 1 + d.random.nextInt(6);
    int broken = d.clean() || d.random.nextBoolean() ? -1 : d.random.nextInt(count);
    List<Planned> operations = new ArrayList<>();
    long touched = 0;
    for (int i = 0; i < count; i++) {
      long pagesBefore = plan.dataPages();
      operations.add(i == broken ? broken(d, plan, i) : clean(d, plan));
      touched += Math.max(1, plan.dataPages() - pagesBefore);
    }
    FuzzMemoryOps.budget(d, touched);
    StringBuilder array = new StringBuilder("[");
    for (Planned operation : operations) {
      array.append(array.length() > 1 ? "," : "").append(operation.json());
    }
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("operations", array.append(']').toString());
    FuzzMemoryOps.body(r, d.bodies.render(d.bodyKind(), properties, schema, r));
    r.check = response -> check(response, operations);
    r.effect = response -> operations.forEach(operation -> operation.effect().accept(d.target));
  }

  /** An operation that fits the planned memory, applied to the plan as the service will. */
  private static Planned clean(FuzzDraft d, MemoryModel plan) {
    long size = plan.sizeBytes();
    int roll = size < 8 ? 4 + d.random.nextInt(2) : d.random.nextInt(6);
    FuzzValues.Type type = FuzzValues.Type.of(TYPES.get(d.random.nextInt(TYPES.size())));
    long at = d.randomUpTo(size - type.width());
    switch (roll) {
      case 0 -> {
        FuzzValues.Body value = d.values.body(type, NumberKind.IN_RANGE, d.request);
        byte[] bytes = littleEndian(value.bits(), type.width());
        plan.write(at, bytes);
        return new Planned(
            op(
                "setValue",
                "type",
                quoted(type.name()),
                "offset",
                at,
                value.property(),
                value.text()),
            FuzzBatchOps::isNull,
            model -> model.write(at, bytes));
      }
      case 1 -> {
        long bits = bits(plan.read(at, type.width()));
        return new Planned(
            op("getValue", "type", quoted(type.name()), "offset", at),
            result -> checkValue(result, type, bits),
            model -> {});
      }
      case 2 -> {
        long length = d.randomUpTo(Math.min(4096, size - at));
        byte value = (byte) d.randomUpTo(255);
        plan.fill(at, length, value);
        return new Planned(
            op("fill", "offset", at, "length", length, "value", value & 0xFF),
            FuzzBatchOps::isNull,
            model -> model.fill(at, length, value));
      }
      case 3 -> {
        long length = d.randomUpTo(Math.min(1024, size - at));
        long to = d.randomUpTo(size - length);
        plan.copyFrom(plan, at, to, length);
        return new Planned(
            op("copy", "sourceOffset", at, "destinationOffset", to, "length", length),
            FuzzBatchOps::isNull,
            model -> model.copyFrom(model, at, to, length));
      }
      case 4 -> {
        long pages = d.randomUpTo(Math.min(1, plan.limitPages() - plan.pages()));
        long before = plan.pages();
        plan.grow(pages);
        return new Planned(
            op("grow", "pages", pages),
            result ->
                result.path("previousPages").asLong(-1) == before
                    ? null
                    : "grow answered " + result + ", the plan had " + before + " pages",
            model -> model.grow(pages));
      }
      default -> {
        long from = d.randomUpTo(size);
        int length = (int) d.randomUpTo(Math.min(64, size - from));
        String data = Base64.getEncoder().encodeToString(plan.read(from, length));
        return new Planned(
            op("get", "offset", from, "length", length),
            result ->
                result.path("data").asString("").equals(data)
                    ? null
                    : "get answered " + result + ", the plan has " + data,
            model -> {});
      }
    }
  }

  /** An operation the service must refuse, and with it the whole batch. */
  private static Planned broken(FuzzDraft d, MemoryModel plan, int index) {
    FuzzRequest r = d.request;
    FuzzValues.Type type = FuzzValues.Type.of(TYPES.get(d.random.nextInt(TYPES.size())));
    long past = Math.max(0, plan.sizeBytes() - type.width() + 1 + d.randomUpTo(64));
    Planned refused = new Planned("", result -> null, model -> {});
    switch (d.random.nextInt(6)) {
      case 0 -> {
        r.fault(422, "operation " + index + " out of bounds");
        return withJson(refused, op("getValue", "type", quoted(type.name()), "offset", past));
      }
      case 1 -> {
        r.fault(400, "operation " + index + " has an unknown op");
        return withJson(refused, op("swap", "offset", 0));
      }
      case 2 -> {
        r.fault(400, "operation " + index + " has no offset");
        return withJson(refused, op("get", "length", 1));
      }
      case 3 -> {
        r.fault(400, "operation " + index + " has an unknown type");
        return withJson(refused, op("getValue", "type", quoted("i128"), "offset", 0));
      }
      case 4 -> {
        r.fault(0, "operation " + index + " is no object");
        return withJson(refused, d.random.nextBoolean() ? "null" : "[1]");
      }
      default -> {
        // A value that may be malformed for its type: FuzzValues notes the fault if it is.
        FuzzValues.Body value = d.values.body(type, d.nextNumber(), r);
        long at = d.randomUpTo(Math.max(0, plan.sizeBytes() - type.width()));
        if (plan.sizeBytes() < type.width()) {
          r.fault(422, "operation " + index + " out of bounds");
        }
        byte[] bytes = value.bits() == null ? null : littleEndian(value.bits(), type.width());
        if (bytes != null && plan.sizeBytes() >= type.width()) {
          plan.write(at, bytes);
        }
        return new Planned(
            op(
                "setValue",
                "type",
                quoted(type.name()),
                "offset",
                at,
                value.property(),
                value.text()),
            FuzzBatchOps::isNull,
            model -> model.write(at, bytes));
      }
    }
  }

  private static Planned withJson(Planned planned, String json) {
    return new Planned(json, planned.check(), planned.effect());
  }

  private static String check(HttpResponse<byte[]> response, List<Planned> operations) {
    JsonNode body = JSON.readTree(response.body());
    JsonNode results = body.path("results");
    if (results.size() != operations.size()) {
      return results.size() + " results for " + operations.size() + " operations: " + body;
    }
    String tag = response.headers().firstValue("ETag").orElse("");
    if (!tag.equals("\"" + body.path("version").asLong(-1) + "\"")) {
      return "ETag " + tag + " is not the version " + body.path("version");
    }
    for (int i = 0; i < operations.size(); i++) {
      String wrong = operations.get(i).check().apply(results.get(i));
      if (wrong != null) {
        return "result " + i + ": " + wrong;
      }
    }
    return null;
  }

  private static String isNull(JsonNode result) {
    return result.isNull() ? null : "a result where none belongs: " + result;
  }

  private static String checkValue(JsonNode result, FuzzValues.Type type, long bits) {
    if (!result.path("type").asString("").equals(type.name())) {
      return "a value of another type: " + result;
    }
    String expected =
        switch (type.name()) {
          case "u8", "u32" -> Long.toString(bits);
          case "i16" -> Long.toString((short) bits);
          case "i64" -> Long.toString(bits);
          default -> Long.toUnsignedString(bits);
        };
    JsonNode actual = type.floating() ? result.path("bits") : result.path("value");
    String text = actual.isNumber() ? actual.bigIntegerValue().toString() : actual.asString("");
    return text.equals(expected) ? null : type.name() + " " + result + ", the plan has " + expected;
  }

  /** A JSON object of name-value pairs; values are numbers or already-quoted texts. */
  private static String op(String name, Object... members) {
    StringBuilder json = new StringBuilder("{\"op\":\"").append(name).append('"');
    for (int i = 0; i < members.length; i += 2) {
      json.append(",\"").append(members[i]).append("\":").append(members[i + 1]);
    }
    return json.append('}').toString();
  }

  private static String quoted(String text) {
    return "\"" + text + "\"";
  }

  private static long bits(byte[] bytes) {
    long bits = 0;
    for (int i = bytes.length - 1; i >= 0; i--) {
      bits = (bits << 8) | (bytes[i] & 0xFF);
    }
    return bits;
  }

  private static byte[] littleEndian(long bits, int width) {
    byte[] bytes = new byte[width];
    for (int i = 0; i < width; i++) {
      bytes[i] = (byte) (bits >>> (8 * i));
    }
    return bytes;
  }
}
