package dev.wasmmemory.module;

import run.endive.runtime.GlobalFactory;
import run.endive.runtime.GlobalInstance;
import run.endive.wasm.types.MutabilityType;
import run.endive.wasm.types.ValType;

/**
 * Gives a re-created instance's globals the values its last call left instead of their
 * initializers' (Endive asks for the module's own globals in index order).
 */
final class RestoredGlobals implements GlobalFactory {
  private final long[][] saved;
  private int next;

  RestoredGlobals(long[][] saved) {
    this.saved = saved;
  }

  @Override
  public GlobalInstance create(
      long value, long highValue, ValType type, MutabilityType mutability) {
    int index = next++;
    boolean known = index < saved.length;
    return GlobalInstance.builder()
        .valueLow(known ? saved[index][0] : value)
        .valueHigh(known ? saved[index][1] : highValue)
        .valType(type)
        .mutabilityType(mutability)
        .build();
  }
}
