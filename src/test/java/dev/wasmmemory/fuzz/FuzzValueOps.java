package dev.wasmmemory.fuzz;

import static dev.wasmmemory.fuzz.FuzzMemoryOps.JSON;

import dev.wasmmemory.fuzz.FuzzNumbers.Number;
import dev.wasmmemory.testing.MemoryModel;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Builders for {@code GET} and {@code PUT …/values/{type}}: typed little-endian values. */
final class FuzzValueOps {
  private static final List<String> UNKNOWN_TYPES = List.of("i128", "I32", "f16", "bool", "u1");

  private FuzzValueOps() {}

  static void readValue(FuzzDraft d) {
    FuzzRequest r = d.request;
    FuzzValues.Type type = type(d);
    d.acceptJson(true);
    d.ifNoneMatch();
    d.strayBody();
    Number offset = offset(d, type);
    if (offset.refused() || d.target == null || type == null) {
      return;
    }
    long at = offset.value() == null ? 0 : offset.value();
    if (!d.target.inBounds(at, type.width())) {
      r.fault(422, "value out of bounds");
      return;
    }
    MemoryModel target = d.target;
    r.check = response -> checkValue(response, type, at, bits(target, at, type));
  }

  static void writeValue(FuzzDraft d) {
    FuzzRequest r = d.request;
    FuzzValues.Type type = type(d);
    d.acceptJson(false);
    d.ifMatch();
    OpenApiOperations.Schema schema = d.operation.bodies().get("application/json");
    d.contentType("application/json", false);
    Number offset = offset(d, type);
    FuzzValues.Body value =
        d.values.body(type == null ? FuzzValues.Type.of("i32") : type, d.nextNumber(), r);
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(value.property(), value.text());
    FuzzMemoryOps.body(r, d.bodies.render(d.bodyKind(), properties, schema, r));
    r.successStatus = 204;
    if (offset.refused() || d.target == null || type == null) {
      return;
    }
    long at = offset.value() == null ? 0 : offset.value();
    if (!d.target.inBounds(at, type.width())) {
      r.fault(422, "value out of bounds");
    }
    r.effect = response -> d.target.write(at, littleEndian(value.bits(), type.width()));
  }

  /** The {@code type} path segment, from the spec's enum or (in a broken case) not. */
  private static FuzzValues.Type type(FuzzDraft d) {
    List<String> names =
        d.operation.in("path").stream()
            .filter(p -> p.name().equals("type"))
            .findFirst()
            .map(p -> p.schema().enumValues())
            .orElse(FuzzValues.TYPES);
    boolean unknown = !d.clean() && d.random.nextInt(8) == 0;
    String name =
        unknown
            ? UNKNOWN_TYPES.get(d.random.nextInt(UNKNOWN_TYPES.size()))
            : names.get(d.random.nextInt(names.size()));
    FuzzMemoryOps.memoryPath(d, "/values/" + name);
    if (unknown) {
      d.request.fault(400, "unknown type " + name);
      return null;
    }
    return FuzzValues.Type.of(name);
  }

  private static Number offset(FuzzDraft d, FuzzValues.Type type) {
    Number offset =
        FuzzMemoryOps.offset(
            d,
            "offset",
            d.sized(),
            type == null ? 1 : type.width(),
            FuzzDraft.MAX_U32,
            false,
            true);
    d.request.query("offset", offset.query());
    return offset;
  }

  private static long bits(MemoryModel memory, long at, FuzzValues.Type type) {
    byte[] bytes = memory.read(at, type.width());
    long bits = 0;
    for (int i = type.width() - 1; i >= 0; i--) {
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

  private static String checkValue(
      HttpResponse<byte[]> response, FuzzValues.Type type, long at, long bits) {
    JsonNode json = JSON.readTree(response.body());
    if (!json.path("type").asString("").equals(type.name())
        || json.path("offset").asLong(-1) != at) {
      return "value of another type or offset: " + json;
    }
    if (type.floating()) {
      String expected = Long.toUnsignedString(bits);
      return json.path("bits").asString("").equals(expected)
          ? null
          : type.name() + " bits " + json.path("bits") + ", the model has " + expected;
    }
    BigInteger value = BigInteger.valueOf(bits);
    if (type.signed()) {
      int shift = 64 - type.width() * 8;
      value = BigInteger.valueOf((bits << shift) >> shift);
    } else if (type.width() == 8) {
      value = new BigInteger(Long.toUnsignedString(bits));
    }
    JsonNode actual = json.path("value");
    boolean asString = type.width() == 8;
    boolean ok =
        asString
            ? actual.isString() && actual.asString().equals(value.toString())
            : actual.isIntegralNumber() && actual.bigIntegerValue().equals(value);
    return ok ? null : type.name() + " value " + actual + ", the model has " + value;
  }
}
