package dev.wasmmemory.module;

/** Every execution thread is busy and the queue of waiting calls is full: try again shortly. */
public final class ExecutionBusyException extends ModuleException {
  ExecutionBusyException(int threads, int queue) {
    super(
        "all "
            + threads
            + " execution threads are busy and "
            + queue
            + " calls are waiting; try again shortly");
  }
}
