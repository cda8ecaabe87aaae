package dev.wasmmemory.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian loads and stores of 1, 2, 4 or 8 bytes within one page, at any alignment. */
final class LittleEndian {
  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private LittleEndian() {}

  /** The {@code width} bytes at {@code offset}, zero-extended. */
  static long load(byte[] page, int offset, int width) {
    switch (width) {
      case 1:
        return page[offset] & 0xFFL;
      case 2:
        return (short) SHORT.get(page, offset) & 0xFFFFL;
      case 4:
        return (int) INT.get(page, offset) & 0xFFFF_FFFFL;
      case 8:
        return (long) LONG.get(page, offset);
      default:
        throw new IllegalArgumentException("width " + width);
    }
  }

  /** Stores the low {@code width} bytes of {@code bits} at {@code offset}. */
  static void store(byte[] page, int offset, int width, long bits) {
    switch (width) {
      case 1:
        page[offset] = (byte) bits;
        break;
      case 2:
        SHORT.set(page, offset, (short) bits);
        break;
      case 4:
        INT.set(page, offset, (int) bits);
        break;
      case 8:
        LONG.set(page, offset, bits);
        break;
      default:
        throw new IllegalArgumentException("width " + width);
    }
  }
}
