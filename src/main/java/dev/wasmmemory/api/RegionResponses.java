package dev.wasmmemory.api;

import dev.wasmmemory.service.BytesRegion;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The streamed representations of a region, written straight to the servlet response (a region may
 * be 4 GiB): the hex dump, and the raw bytes or the range of them a request selected.
 */
final class RegionResponses {
  private static final int STREAM_BUFFER = 64 * 1024;

  private RegionResponses() {}

  /**
   * The whole answer to a read of {@code region} (of the memory or snapshot {@code name}): 304 for
   * a matching If-None-Match, the JSON body, or the hex dump or raw bytes written to {@code
   * response} (then null). JSON and hex dumps hold at most {@code maxEncoded} bytes.
   */
  static ResponseEntity<BytesResponse> respond(
      String name,
      BytesRegion region,
      Representation representation,
      long maxEncoded,
      String range,
      String ifRange,
      String ifNoneMatch,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    String tag = representation.tag(region.version());
    if (EntityTags.notModified(ifNoneMatch, tag)) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
          .eTag(tag)
          .varyBy(HttpHeaders.ACCEPT)
          .build();
    }
    if (representation == Representation.JSON) {
      checkEncodable(region.length(), maxEncoded);
      String data = Base64.getEncoder().encodeToString(region.bytes());
      return ResponseEntity.ok()
          .eTag(tag)
          .varyBy(HttpHeaders.ACCEPT)
          .contentType(MediaType.APPLICATION_JSON)
          .body(new BytesResponse(region.offset(), region.length(), data));
    }
    response.setHeader(HttpHeaders.ETAG, tag);
    response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
    boolean head = "HEAD".equals(request.getMethod());
    if (representation == Representation.HEX) {
      checkEncodable(region.length(), maxEncoded);
      writeHexDump(region, head, response);
    } else {
      ByteRange selected =
          ByteRange.select(EntityTags.rangeApplies(ifRange, tag) ? range : null, region.length());
      writeRaw(name, region, selected, head, response);
    }
    return null;
  }

  private static void checkEncodable(long count, long maxEncoded) {
    if (count > maxEncoded) {
      throw new InvalidRequestException(
          "a JSON or hex dump representation holds at most "
              + maxEncoded
              + " bytes; ask for a smaller length or for application/octet-stream",
          "length");
    }
  }

  static void writeHexDump(BytesRegion region, boolean head, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=US-ASCII");
    if (head) {
      return;
    }
    OutputStream out = new BufferedOutputStream(response.getOutputStream(), STREAM_BUFFER);
    HexDump dump = new HexDump(out, region.offset());
    region.writeTo(dump, 0, region.length());
    dump.finish();
    out.flush();
  }

  /** The raw bytes, or the part a Range selects; saved by browsers under a name that says which. */
  static void writeRaw(
      String id, BytesRegion region, ByteRange selected, boolean head, HttpServletResponse response)
      throws IOException {
    String filename = id + "-" + region.offset() + "-" + region.length() + ".bin";
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename(filename).build().toString());
    response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
    response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
    response.setContentLengthLong(selected.length());
    if (selected.partial()) {
      response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
      response.setHeader(HttpHeaders.CONTENT_RANGE, selected.contentRange(region.length()));
    }
    if (!head) {
      region.writeTo(response.getOutputStream(), selected.first(), selected.length());
    }
  }
}
