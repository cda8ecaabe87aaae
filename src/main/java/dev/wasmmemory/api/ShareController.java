package dev.wasmmemory.api;

import static dev.wasmmemory.api.problem.ProblemType.NOT_FOUND;
import static dev.wasmmemory.api.problem.ProblemType.SHARE_NOT_FOUND;

import dev.wasmmemory.api.problem.ApiProblems;
import dev.wasmmemory.service.share.ShareLinks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Share links: a read-only, expiring, revocable capability for one memory, made and revoked by its
 * owner. Only with {@code memory.security=jwt}; in open mode both answer 404 {@code not-found}.
 */
@RestController
@RequestMapping("/memories/{id}/shares")
@Tag(name = "Shares", description = "Read-only links to one memory (memory.security=jwt)")
class ShareController {
  private static final Duration LONGEST = Duration.ofDays(30);

  private final ShareLinks shares;

  ShareController(ShareLinks shares) {
    this.shares = shares;
  }

  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "createShare",
      summary = "Make a read-only link to the memory, good for expiresIn",
      description = "404 /problems/not-found in open mode (memory.security=open)")
  @ApiResponse(responseCode = "201", description = "Made; token and url are the capability")
  @ApiProblems({NOT_FOUND})
  ResponseEntity<ShareInfo> create(
      @PathVariable String id, @Valid @RequestBody ShareRequest request) {
    if (!"read".equals(request.access())) {
      throw new InvalidRequestException(
          "'access' must be \"read\", the only access a link gives", "access");
    }
    ShareLinks.Share share = shares.create(id, lifetime(request.expiresIn()));
    String url =
        ServletUriComponentsBuilder.fromCurrentContextPath()
            .path("/memories/{id}/bytes")
            .queryParam("share", share.token())
            .buildAndExpand(id)
            .toUriString();
    return ResponseEntity.created(URI.create("/memories/" + id + "/shares/" + share.id()))
        .body(
            new ShareInfo(
                share.id(), share.memoryId(), "read", share.expiresAt(), share.token(), url));
  }

  @DeleteMapping("/{shareId}")
  @Operation(
      operationId = "deleteShare",
      summary = "Revoke a share link, at once and on every replica",
      description = "404 /problems/not-found in open mode (memory.security=open)")
  @ApiResponse(responseCode = "204", description = "Revoked")
  @ApiProblems({SHARE_NOT_FOUND, NOT_FOUND})
  ResponseEntity<Void> delete(@PathVariable String id, @PathVariable String shareId) {
    shares.revoke(id, shareId);
    return ResponseEntity.noContent().build();
  }

  private static Duration lifetime(String text) {
    Duration duration;
    try {
      duration = Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          "'expiresIn' must be an ISO-8601 duration such as PT1H, not '" + text + "'", "expiresIn");
    }
    if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(LONGEST) > 0) {
      throw new InvalidRequestException(
          "'expiresIn' must be from PT1S to P30D, not " + duration, "expiresIn");
    }
    return duration;
  }
}
