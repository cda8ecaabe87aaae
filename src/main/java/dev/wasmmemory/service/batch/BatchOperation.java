package dev.wasmmemory.service.batch;

import dev.wasmmemory.memory.ValueType;

/**
 * One operation of a batch, already decoded: values are raw bits, bytes are bytes. The batch runs
 * them in order against one memory under one lock ({@link Batches}).
 */
public sealed interface BatchOperation {
  /** Whether the operation may change the memory. */
  boolean writes();

  record SetValue(ValueType type, long offset, long bits) implements BatchOperation {
    @Override
    public boolean writes() {
      return true;
    }
  }

  record Set(long offset, byte[] data) implements BatchOperation {
    @Override
    public boolean writes() {
      return true;
    }
  }

  record GetValue(ValueType type, long offset) implements BatchOperation {
    @Override
    public boolean writes() {
      return false;
    }
  }

  record Get(long offset, long length) implements BatchOperation {
    @Override
    public boolean writes() {
      return false;
    }
  }

  record Fill(long offset, long length, byte value) implements BatchOperation {
    @Override
    public boolean writes() {
      return true;
    }
  }

  record Copy(long sourceOffset, long destinationOffset, long length, boolean nonOverlapping)
      implements BatchOperation {
    @Override
    public boolean writes() {
      return true;
    }
  }

  record Grow(long pages) implements BatchOperation {
    @Override
    public boolean writes() {
      return true;
    }
  }
}
