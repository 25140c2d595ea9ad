package com.northwind.shop.platform.events;

import com.northwind.shop.platform.problem.Problems;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of this service's dead letters, under {@code /internal/**} (a service token with scope {@code
 * internal}; the gateway never routes it). Every service that consumes events has it.
 */
@RestController
@RequestMapping("/internal/events/dead-letters")
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    List<DeadLetters.DeadLetter> list() {
        return deadLetters.list();
    }

    @GetMapping("/{stream}/{id}")
    ResponseEntity<DeadLetters.DeadLetter> show(@PathVariable String stream, @PathVariable String id) {
        return ResponseEntity.ok(deadLetters
                .find(stream, id)
                .orElseThrow(() -> new DeadLetters.DeadLetterNotFoundException(stream, id)));
    }

    @PostMapping("/{stream}/{id}/replay")
    Map<String, String> replay(@PathVariable String stream, @PathVariable String id) {
        return Map.of(
                "stream",
                stream,
                "id",
                id,
                "outcome",
                deadLetters.replay(stream, id).name());
    }

    /** Replays every parked entry of this service; stops at the first that fails again. */
    @PostMapping("/replay")
    Map<String, Object> replayAll() {
        int replayed = 0;
        for (DeadLetters.DeadLetter letter : deadLetters.list()) {
            deadLetters.replay(letter.stream(), letter.id());
            replayed++;
        }
        return Map.of("replayed", replayed, "remaining", deadLetters.list().size());
    }

    @DeleteMapping("/{stream}/{id}")
    ResponseEntity<Void> discard(@PathVariable String stream, @PathVariable String id) {
        return deadLetters.discard(stream, id)
                ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    @ExceptionHandler(DeadLetters.DeadLetterNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(DeadLetters.DeadLetterNotFoundException ex) {
        return Problems.response(Problems.of(HttpStatus.NOT_FOUND, String.valueOf(ex.getMessage())));
    }

    @ExceptionHandler(DeadLetters.ReplayFailedException.class)
    ResponseEntity<ProblemDetail> replayFailed(DeadLetters.ReplayFailedException ex) {
        if (ex.isTransient()) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(
                            HttpStatus.SERVICE_UNAVAILABLE, String.valueOf(ex.getMessage()), "replay-failed"));
        }
        return Problems.response(Problems.of(HttpStatus.CONFLICT, String.valueOf(ex.getMessage()), "replay-failed"));
    }
}
