package dev.wasmmemory.module;

import run.endive.runtime.TrapException;

/**
 * Every atomic operation of Endive's {@code Memory}, over a memory that one call holds alone: each
 * is its plain load and store (the defaults would synchronize on {@code lock}, which our memories
 * do not have). Alignment is checked by Endive before it calls in.
 */
abstract class AtomicOperations extends AccessMemory {

  private static TrapException unshared() {
    return new TrapException("expected shared memory");
  }

  @Override
  @SuppressWarnings("removal")
  public Object lock(int address) {
    throw new UnsupportedOperationException("a stored memory has no per-address lock");
  }

  @Override
  @SuppressWarnings("removal")
  public int waitOn(int address, int expected, long timeout) {
    return atomicWait(address, expected, timeout);
  }

  @Override
  @SuppressWarnings("removal")
  public int waitOn(int address, long expected, long timeout) {
    return atomicWait(address, expected, timeout);
  }

  @Override
  @SuppressWarnings("removal")
  public int notify(int address, int maxThreads) {
    return atomicNotify(address, maxThreads);
  }

  @Override
  public void atomicFence() {
    // One thread holds the memory: program order is the only order.
  }

  /** Waiting on an unshared memory traps (after the bounds check), as the threads proposal says. */
  @Override
  public int atomicWait(int addr, int expected, long timeout) {
    readInt(addr);
    throw unshared();
  }

  @Override
  public int atomicWait(int addr, long expected, long timeout) {
    readLong(addr);
    throw unshared();
  }

  /** No one can wait on an unshared memory: nobody is woken. */
  @Override
  public int atomicNotify(int addr, int maxThreads) {
    readInt(addr);
    return 0;
  }

  // ---- loads and stores ----

  @Override
  public int atomicReadInt(int addr) {
    return readInt(addr);
  }

  @Override
  public long atomicReadLong(int addr) {
    return readLong(addr);
  }

  @Override
  public short atomicReadShort(int addr) {
    return readShort(addr);
  }

  @Override
  public byte atomicReadByte(int addr) {
    return read(addr);
  }

  @Override
  public void atomicWriteInt(int addr, int value) {
    writeI32(addr, value);
  }

  @Override
  public void atomicWriteLong(int addr, long value) {
    writeLong(addr, value);
  }

  @Override
  public void atomicWriteShort(int addr, short value) {
    writeShort(addr, value);
  }

  @Override
  public void atomicWriteByte(int addr, byte value) {
    writeByte(addr, value);
  }

  // ---- read-modify-write: each answers the old value ----

  private interface IntOp {
    int apply(int old, int operand);
  }

  private interface LongOp {
    long apply(long old, long operand);
  }

  private int rmw(int addr, int width, int operand, IntOp op) {
    int old = width == 4 ? readInt(addr) : width == 2 ? readShort(addr) : read(addr);
    store(addr, width, op.apply(old, operand));
    return old;
  }

  private long rmwLong(int addr, long operand, LongOp op) {
    long old = readLong(addr);
    store(addr, 8, op.apply(old, operand));
    return old;
  }

  private int cmpxchg(int addr, int width, int expected, int replacement) {
    int old = width == 4 ? readInt(addr) : width == 2 ? readShort(addr) : read(addr);
    if (old == expected) {
      store(addr, width, replacement);
    }
    return old;
  }

  @Override
  public int atomicAddInt(int addr, int delta) {
    return rmw(addr, 4, delta, Integer::sum);
  }

  @Override
  public int atomicAndInt(int addr, int mask) {
    return rmw(addr, 4, mask, (a, b) -> a & b);
  }

  @Override
  public int atomicOrInt(int addr, int mask) {
    return rmw(addr, 4, mask, (a, b) -> a | b);
  }

  @Override
  public int atomicXorInt(int addr, int mask) {
    return rmw(addr, 4, mask, (a, b) -> a ^ b);
  }

  @Override
  public int atomicXchgInt(int addr, int value) {
    return rmw(addr, 4, value, (a, b) -> b);
  }

  @Override
  public int atomicCmpxchgInt(int addr, int expected, int replacement) {
    return cmpxchg(addr, 4, expected, replacement);
  }

  @Override
  public long atomicAddLong(int addr, long delta) {
    return rmwLong(addr, delta, Long::sum);
  }

  @Override
  public long atomicAndLong(int addr, long mask) {
    return rmwLong(addr, mask, (a, b) -> a & b);
  }

  @Override
  public long atomicOrLong(int addr, long mask) {
    return rmwLong(addr, mask, (a, b) -> a | b);
  }

  @Override
  public long atomicXorLong(int addr, long mask) {
    return rmwLong(addr, mask, (a, b) -> a ^ b);
  }

  @Override
  public long atomicXchgLong(int addr, long value) {
    return rmwLong(addr, value, (a, b) -> b);
  }

  @Override
  public long atomicCmpxchgLong(int addr, long expected, long replacement) {
    long old = readLong(addr);
    if (old == expected) {
      store(addr, 8, replacement);
    }
    return old;
  }

  @Override
  public short atomicAddShort(int addr, short delta) {
    return (short) rmw(addr, 2, delta, Integer::sum);
  }

  @Override
  public short atomicAndShort(int addr, short mask) {
    return (short) rmw(addr, 2, mask, (a, b) -> a & b);
  }

  @Override
  public short atomicOrShort(int addr, short mask) {
    return (short) rmw(addr, 2, mask, (a, b) -> a | b);
  }

  @Override
  public short atomicXorShort(int addr, short mask) {
    return (short) rmw(addr, 2, mask, (a, b) -> a ^ b);
  }

  @Override
  public short atomicXchgShort(int addr, short value) {
    return (short) rmw(addr, 2, value, (a, b) -> b);
  }

  @Override
  public short atomicCmpxchgShort(int addr, short expected, short replacement) {
    return (short) cmpxchg(addr, 2, expected, replacement);
  }

  @Override
  public byte atomicAddByte(int addr, byte delta) {
    return (byte) rmw(addr, 1, delta, Integer::sum);
  }

  @Override
  public byte atomicAndByte(int addr, byte mask) {
    return (byte) rmw(addr, 1, mask, (a, b) -> a & b);
  }

  @Override
  public byte atomicOrByte(int addr, byte mask) {
    return (byte) rmw(addr, 1, mask, (a, b) -> a | b);
  }

  @Override
  public byte atomicXorByte(int addr, byte mask) {
    return (byte) rmw(addr, 1, mask, (a, b) -> a ^ b);
  }

  @Override
  public byte atomicXchgByte(int addr, byte value) {
    return (byte) rmw(addr, 1, value, (a, b) -> b);
  }

  @Override
  public byte atomicCmpxchgByte(int addr, byte expected, byte replacement) {
    return (byte) cmpxchg(addr, 1, expected, replacement);
  }
}
