package dev.wasmmemory.fuzz;

import static dev.wasmmemory.fuzz.FuzzMemoryOps.JSON;

import dev.wasmmemory.fuzz.FuzzCase.AcceptKind;
import dev.wasmmemory.fuzz.FuzzCase.BodyKind;
import dev.wasmmemory.fuzz.FuzzCase.RangeKind;
import dev.wasmmemory.fuzz.FuzzNumbers.Number;
import dev.wasmmemory.fuzz.FuzzNumbers.Role;
import dev.wasmmemory.testing.MemoryModel;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Builders for {@code GET} and {@code PUT …/bytes}: the three representations, ranges, raw and
 * base64 bodies. A successful read is compared with the model byte for byte, whatever
 * representation the service chose.
 */
final class FuzzBytesOps {
  /** Reads of more than this are cut down with a Range, to keep the fuzzer fast. */
  private static final long LARGEST_READ = 4 << 20;

  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
  private static final List<String> BAD_BASE64 =
      List.of("\"@@@@\"", "\"AAAAA\"", "\"AA=A\"", "\"A\"", "\"3q2+7w==\\u0000\"", "\"3q2_7w==\"");

  /** The representations of the bytes, each with its own entity tag. */
  private enum Representation {
    RAW(""),
    JSON("-json"),
    HEX("-hex");

    final String tagSuffix;

    Representation(String tagSuffix) {
      this.tagSuffix = tagSuffix;
    }
  }

  private FuzzBytesOps() {}

  static void readBytes(FuzzDraft d) {
    FuzzRequest r = d.request;
    FuzzMemoryOps.memoryPath(d, "/bytes");
    Representation representation = accept(d);
    d.ifNoneMatch(representation == null ? "" : representation.tagSuffix);
    d.strayBody();
    MemoryModel memory = d.sized();
    long size = memory.sizeBytes();
    Number offset = FuzzMemoryOps.offset(d, "offset", memory, 0, FuzzDraft.MAX_U32, false, true);
    long start = offset.value() == null ? 0 : offset.value();
    long rest = Math.max(0, size - start);
    Number length =
        d.numbers.resolve(
            d.nextNumber(),
            new Role(
                d.randomUpTo(Math.min(rest, 65536)),
                d.randomUpTo(Math.min(rest, 16)),
                0,
                Math.min(rest, LARGEST_READ),
                rest + 1,
                FuzzDraft.MAX_U32,
                false),
            "length",
            true,
            r);
    r.query("offset", offset.query());
    r.query("length", length.query());
    if (offset.refused() || length.refused() || d.target == null) {
      rangeHeader(d, 0, representation);
      return;
    }
    long count = length.value() != null ? length.value() : rest;
    if (start > size || size - start < count) {
      r.fault(422, "read out of bounds");
      rangeHeader(d, 0, representation);
      return;
    }
    if (representation != Representation.RAW
        && representation != null
        && count > d.state.maxEncodedRegion()) {
      r.fault(400, "JSON or hex dump of more than memory.max-encoded-region");
    }
    long[] range = rangeHeader(d, count, representation);
    MemoryModel target = d.target;
    r.check = response -> checkRead(response, target, start, count, range);
  }

  /** The representation {@code Accept} asks for; null when the contract leaves it open. */
  private static Representation accept(FuzzDraft d) {
    AcceptKind kind =
        d.clean()
            ? (d.random.nextBoolean() ? AcceptKind.SPEC : AcceptKind.ABSENT)
            : d.fuzzCase.accept();
    FuzzRequest r = d.request;
    switch (kind) {
      case ABSENT:
        return Representation.RAW;
      case SPEC:
        Representation chosen = Representation.values()[d.random.nextInt(3)];
        r.headers.put(
            "Accept",
            List.of("application/octet-stream", "application/json", "text/plain")
                .get(chosen.ordinal()));
        return chosen;
      case WILDCARD:
        r.headers.put("Accept", "*/*");
        return Representation.RAW;
      case WEIGHTED:
        boolean hex = d.random.nextBoolean();
        r.headers.put(
            "Accept",
            hex
                ? "application/json;q=0.5, text/plain"
                : "text/plain;q=0.1, application/octet-stream");
        return hex ? Representation.HEX : Representation.RAW;
      case PROBLEM_JSON:
        // What generated clients send: every error is a problem anyway, so no preference.
        r.headers.put("Accept", "application/problem+json");
        return Representation.RAW;
      case UNSUPPORTED, ALL_REFUSED:
        String header = kind == AcceptKind.UNSUPPORTED ? "application/xml" : "*/*;q=0";
        r.headers.put("Accept", header);
        r.fault(406, "Accept " + header);
        return null;
      case MALFORMED:
        r.headers.put("Accept", d.malformedAccept());
        r.uncertain("a malformed Accept");
        return null;
      default:
        r.headers.put("Accept", d.manyMediaTypes("application/octet-stream"));
        r.uncertain("Accept with 61 media types");
        return Representation.RAW;
    }
  }

  /**
   * Adds a Range header as the case asks: returns the selected {@code [first, last]} of the {@code
   * total} bytes, or null for the whole. A Range the README calls unsatisfiable is a 416.
   */
  private static long[] rangeHeader(FuzzDraft d, long total, Representation representation) {
    FuzzRequest r = d.request;
    RangeKind kind = d.clean() ? RangeKind.NONE : d.fuzzCase.range();
    boolean mayStream =
        representation != Representation.JSON && representation != Representation.HEX;
    if (kind == RangeKind.NONE && total > LARGEST_READ && mayStream) {
      kind = RangeKind.FIRST;
    }
    if (kind == RangeKind.NONE) {
      return null;
    }
    long window = Math.min(total, 65536);
    long[] selected = null;
    String header;
    switch (kind) {
      case FIRST -> {
        long last = d.randomUpTo(window + 8);
        header = "bytes=0-" + last;
        selected = total == 0 ? null : new long[] {0, Math.min(last, total - 1)};
      }
      case SUFFIX -> {
        long n = 1 + d.randomUpTo(window);
        header = "bytes=-" + n;
        selected = total == 0 ? null : new long[] {total - Math.min(n, total), total - 1};
      }
      case OPEN -> {
        long first = total - 1 - d.randomUpTo(Math.max(0, window - 1));
        header = "bytes=" + Math.max(0, first) + "-";
        selected = total == 0 ? null : new long[] {Math.max(0, first), total - 1};
      }
      case PAST_END -> header = "bytes=" + total + "-";
      case MULTIPLE -> header = "bytes=0-0,2-3";
      case REVERSED -> header = "bytes=5-2";
      case OTHER_UNIT -> header = "items=0-1";
      default ->
          header =
              List.of("bytes=abc", "bytes=", "bytes=--1", "bytes=1-x").get(d.random.nextInt(4));
    }
    r.headers.put("Range", header);
    if (representation != Representation.RAW) {
      r.uncertain("Range on a representation that is not raw");
      return null;
    }
    if (kind == RangeKind.OTHER_UNIT) {
      // RFC 9110 §14.2: a range unit the server does not understand is ignored.
      return null;
    }
    if (selected == null) {
      r.fault(416, "Range " + header + " of " + total + " bytes");
      return null;
    }
    r.successStatus = 206;
    return selected;
  }

  private static String checkRead(
      HttpResponse<byte[]> response, MemoryModel memory, long start, long count, long[] range) {
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (response.statusCode() == 206) {
      String header = response.headers().firstValue("Content-Range").orElse("");
      Matcher m = CONTENT_RANGE.matcher(header);
      if (!m.matches() || Long.parseLong(m.group(3)) != count) {
        return "206 with Content-Range '" + header + "' for " + count + " bytes";
      }
      long first = Long.parseLong(m.group(1));
      long last = Long.parseLong(m.group(2));
      if (range != null && (first != range[0] || last != range[1])) {
        return "206 for bytes " + first + "-" + last + ", asked " + Arrays.toString(range);
      }
      return compare(memory, start + first, response.body(), last - first + 1);
    }
    if (type.startsWith("application/octet-stream")) {
      return compare(memory, start, response.body(), count);
    }
    if (type.startsWith("application/json")) {
      JsonNode json = JSON.readTree(response.body());
      if (json.path("offset").asLong(-1) != start || json.path("length").asLong(-1) != count) {
        return "JSON bytes for another region: " + FuzzDraft.abbreviate(json.toString());
      }
      return compare(
          memory, start, Base64.getDecoder().decode(json.path("data").asString()), count);
    }
    if (type.startsWith("text/plain")) {
      return compareHexDump(memory, start, count, response.body());
    }
    return "200 with Content-Type '" + type + "'";
  }

  private static String compare(MemoryModel memory, long start, byte[] actual, long count) {
    if (actual.length != count) {
      return actual.length + " bytes for a region of " + count;
    }
    int mismatch = Arrays.mismatch(memory.read(start, (int) count), actual);
    return mismatch < 0 ? null : "byte at " + (start + mismatch) + " differs from the model";
  }

  /** Reads back an {@code xxd} dump: 8 hex digits of address, 40 columns of hex, the text. */
  private static String compareHexDump(MemoryModel memory, long start, long count, byte[] body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String[] lines = new String(body, StandardCharsets.US_ASCII).split("\n");
    long address = start;
    for (String line : lines) {
      if (line.isEmpty()) {
        continue;
      }
      if (line.length() < 11 || Long.parseLong(line.substring(0, 8), 16) != address % (1L << 32)) {
        return "hex dump line '"
            + line
            + "' where address "
            + Long.toHexString(address)
            + " belongs";
      }
      String hex = line.substring(10, Math.min(line.length(), 50)).replace(" ", "");
      for (int i = 0; i + 1 < hex.length(); i += 2) {
        bytes.write(Integer.parseInt(hex.substring(i, i + 2), 16));
      }
      address = start + bytes.size();
    }
    return compare(memory, start, bytes.toByteArray(), count);
  }

  static void writeBytes(FuzzDraft d) {
    FuzzRequest r = d.request;
    FuzzMemoryOps.memoryPath(d, "/bytes");
    d.acceptJson(false);
    d.ifMatch();
    List<String> mediaTypes = new ArrayList<>(d.operation.bodies().keySet());
    String mediaType = mediaTypes.get(d.random.nextInt(mediaTypes.size()));
    String readAs = d.contentType(mediaType, true);
    MemoryModel memory = d.sized();
    Number offset = FuzzMemoryOps.offset(d, "offset", memory, 0, FuzzDraft.MAX_U32, false, true);
    r.query("offset", offset.query());
    long start = offset.value() == null ? 0 : offset.value();
    long room = Math.max(0, memory.sizeBytes() - start);
    boolean json = mediaType.equals("application/json");
    long most = json ? 40_000 : 200_000;
    long length =
        switch (d.nextNumber()) {
          case SMALL -> d.randomUpTo(Math.min(room, 16));
          case LOW_EDGE -> 0;
          case HIGH_EDGE -> Math.min(room, most);
          case PAST_END -> room < most ? room + 1 + d.randomUpTo(Math.min(64, most - room)) : 0;
          default -> d.randomUpTo(Math.min(room, 8192));
        };
    boolean raw = "application/octet-stream".equals(readAs);
    // Without a Content-Type the service reads any body as raw bytes: JSON mistakes do not count.
    BodyKind kind = json && raw ? BodyKind.VALID : d.bodyKind();
    if (!json && kind == BodyKind.OVERSIZED) {
      length = d.state.maxBodySize() + 1 + d.randomUpTo(32 * 1024);
      r.fault(413, "a raw body over memory.max-body-size");
    }
    byte[] data = new byte[(int) length];
    d.random.nextBytes(data);
    byte[] written = data;
    if (json) {
      written = jsonBody(d, data, kind);
    } else {
      r.body = data;
    }
    if (raw) {
      written = r.body;
    }
    if (!offset.refused() && d.target != null && readAs != null) {
      if (!memory.inBounds(start, written.length)) {
        r.fault(422, "write out of bounds");
      } else {
        FuzzMemoryOps.budget(d, FuzzMemoryOps.pagesSpanned(start, written.length));
      }
    }
    r.successStatus = 204;
    byte[] bytes = written;
    r.effect = response -> d.target.write(start, bytes);
  }

  /** Sets the JSON body for {@code data}; returns the bytes it stands for. */
  private static byte[] jsonBody(FuzzDraft d, byte[] data, BodyKind kind) {
    FuzzRequest r = d.request;
    String base64 = Base64.getEncoder().encodeToString(data);
    String text = "\"" + base64 + "\"";
    if (kind == BodyKind.BAD_BASE64) {
      text = BAD_BASE64.get(d.random.nextInt(BAD_BASE64.size()));
      r.fault(400, "'data' is not base64");
    } else if (!d.clean() && base64.endsWith("=") && d.random.nextInt(4) == 0) {
      text = "\"" + base64.replace("=", "") + "\"";
      r.uncertain("base64 without its padding");
    }
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("data", text);
    FuzzMemoryOps.body(
        r, d.bodies.render(kind, properties, d.operation.bodies().get("application/json"), r));
    return data;
  }
}
