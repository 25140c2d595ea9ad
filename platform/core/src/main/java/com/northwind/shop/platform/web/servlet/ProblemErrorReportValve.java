package com.northwind.shop.platform.web.servlet;

import com.northwind.shop.platform.problem.Problems;
import java.io.IOException;
import java.io.Writer;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's last word as problem details instead of its HTML error page. Tomcat answers some requests before any
 * filter or servlet sees them, e.g. a path whose percent-encoding is not UTF-8 ({@code /api/orders/%C0%AF}): only the
 * host's error report valve writes those answers, so this valve replaces Tomcat's. Every answer the application
 * writes itself (Spring's error page included) already has a body, which the valve leaves alone.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

    @Override
    protected void report(Request request, Response response, @Nullable Throwable throwable) {
        int status = response.getStatus();
        // As Tomcat's own valve: only errors, only when nothing was written, and only once.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatusCode code = HttpStatusCode.valueOf(status);
        ProblemDetail problem = Problems.complete(Problems.of(code, Problems.defaultDetail(code)), null, null);
        // The path as sent (still percent-encoded: it is what could not be decoded).
        String path = request.getCoyoteRequest().requestURI().toString();
        // No tracing ran (no filter did); a fresh id, logged with the refusal, still finds it in the logs.
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        String traceId = HexFormat.of().formatHex(id);
        log.info("Refused before the application: {} {} traceId={}", status, path, traceId);
        String body = "{\"type\":" + quote(String.valueOf(problem.getType()))
                + ",\"title\":" + quote(String.valueOf(problem.getTitle()))
                + ",\"status\":" + status
                + ",\"detail\":" + quote(String.valueOf(problem.getDetail()))
                + ",\"instance\":" + quote(path.startsWith("/") ? path : "/")
                + ",\"traceId\":" + quote(traceId) + "}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("utf-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was committed meanwhile: nothing left to tell it.
        }
    }

    /** A JSON string of any text (the path is the client's). */
    private static String quote(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}
