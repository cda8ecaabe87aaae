package dev.wasmmemory.memory;

/** {@link PageStore#NONE}: the pages are only in the heap, so there is nothing to persist. */
final class HeapPageStore implements PageStore {
  private record HeapStagedPage(int index, byte[] heapData) implements StagedPage {
    @Override
    public boolean zero() {
      return heapData == null;
    }
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public byte[] load(int index) {
    throw new IllegalStateException("the heap store has no page " + index + " to load");
  }

  @Override
  public StagedPage stage(int index, byte[] data) {
    return new HeapStagedPage(index, data);
  }

  @Override
  public void discard(StagedPage page) {}

  @Override
  public long commit(PageCommit commit) {
    return 0;
  }

  @Override
  public void awaitDurable(long token) {}

  @Override
  public PageSource openSnapshot() {
    throw new IllegalStateException("the heap store keeps no snapshots of its own");
  }
}
