package dev.wasmmemory.module;

import run.endive.runtime.CallResult;
import run.endive.runtime.Machine;

/**
 * The instance's machine, except that while a persisted instance is re-created its start function
 * is not run again: Endive's builder always runs it, and its effects are already in the memories
 * and globals being restored. After {@link #restored()} it only delegates.
 */
final class StartSkippingMachine implements Machine {
  private final Machine delegate;
  private final int startIndex;
  private boolean skipping = true;

  StartSkippingMachine(Machine delegate, int startIndex) {
    this.delegate = delegate;
    this.startIndex = startIndex;
  }

  void restored() {
    skipping = false;
  }

  private boolean skip(int funcId) {
    if (skipping && funcId == startIndex) {
      skipping = false;
      return true;
    }
    return false;
  }

  @Override
  public long[] call(int funcId, long[] args) {
    return skip(funcId) ? new long[0] : delegate.call(funcId, args);
  }

  @Override
  public long[] call(int funcId, long[] args, Object[] refArgs) {
    return skip(funcId) ? new long[0] : delegate.call(funcId, args, refArgs);
  }

  @Override
  public CallResult callWithRefs(int funcId, long[] args, Object[] refArgs) {
    return skip(funcId)
        ? CallResult.of(new long[0], null)
        : delegate.callWithRefs(funcId, args, refArgs);
  }
}
