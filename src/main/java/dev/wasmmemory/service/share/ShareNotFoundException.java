package dev.wasmmemory.service.share;

/** No share link of that memory has this id (never made, revoked, or lapsed). */
public final class ShareNotFoundException extends RuntimeException {
  private final String memoryId;
  private final String shareId;

  public ShareNotFoundException(String memoryId, String shareId) {
    super("memory " + memoryId + " has no share link " + shareId);
    this.memoryId = memoryId;
    this.shareId = shareId;
  }

  public String memoryId() {
    return memoryId;
  }

  public String shareId() {
    return shareId;
  }
}
