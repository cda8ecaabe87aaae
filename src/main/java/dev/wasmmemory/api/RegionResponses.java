package dev.wasmmemory.api;

import dev.wasmmemory.service.BytesRegion;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The streamed representations of a region, written straight to the servlet response (a region may
 * be 4 GiB): the hex dump, and the raw bytes or the range of them a request selected.
 */
final class RegionResponses {
  private static final int STREAM_BUFFER = 64 * 1024;

  private RegionResponses() {}

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
