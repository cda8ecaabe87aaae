package dev.wasmmemory.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A stream that writes the bytes it is given as a hex dump in {@code xxd -o <offset>} layout: the
 * address, 16 bytes in groups of two, the printable ASCII. Fed in chunks of any size, so a region
 * of any length streams through; {@link #finish} writes the last, partial line.
 */
final class HexDump extends OutputStream {
  private static final int BYTES_PER_LINE = 16;
  private static final int HEX_COLUMNS = 40;
  private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final OutputStream out;
  private final byte[] line = new byte[BYTES_PER_LINE];
  private final byte[] text = new byte[10 + HEX_COLUMNS + 1 + BYTES_PER_LINE + 1];
  private long address;
  private int filled;

  HexDump(OutputStream out, long startAddress) {
    this.out = out;
    this.address = startAddress;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int from, int length) throws IOException {
    for (int done = 0; done < length; ) {
      int n = Math.min(BYTES_PER_LINE - filled, length - done);
      System.arraycopy(bytes, from + done, line, filled, n);
      filled += n;
      done += n;
      if (filled == BYTES_PER_LINE) {
        flushLine();
      }
    }
  }

  /** Writes the last, partial line. */
  void finish() throws IOException {
    if (filled > 0) {
      flushLine();
    }
  }

  private void flushLine() throws IOException {
    int p = 0;
    for (int shift = 28; shift >= 0; shift -= 4) {
      text[p++] = DIGITS[(int) (address >>> shift) & 0xF];
    }
    text[p++] = ':';
    text[p++] = ' ';
    int hexEnd = p + HEX_COLUMNS;
    for (int i = 0; i < filled; i++) {
      text[p++] = DIGITS[(line[i] >> 4) & 0xF];
      text[p++] = DIGITS[line[i] & 0xF];
      if ((i & 1) == 1) {
        text[p++] = ' ';
      }
    }
    while (p < hexEnd) {
      text[p++] = ' ';
    }
    text[p++] = ' ';
    for (int i = 0; i < filled; i++) {
      text[p++] = line[i] >= 0x20 && line[i] < 0x7F ? line[i] : (byte) '.';
    }
    text[p++] = '\n';
    out.write(text, 0, p);
    address += filled;
    filled = 0;
  }
}
