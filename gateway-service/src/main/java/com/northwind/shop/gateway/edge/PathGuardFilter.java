package com.northwind.shop.gateway.edge;

import com.northwind.shop.gateway.problem.ProblemResponses;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers 404 for any path that could reach a service's {@code /internal/**} or {@code /actuator/**} however it is
 * spelled: dot segments, encoded slashes or backslashes, matrix parameters ({@code ..;}), or such a segment anywhere
 * in the path. No route matches them anyway; this guard keeps it so when routes or the services' path handling
 * change. The gateway's own {@code /actuator/**} stays reachable. user-service's {@code /api/auth/token} (service
 * clients' credentials) is answered 404 too: it serves the cluster's services, never the internet. A path whose
 * percent-encoding is not UTF-8 ({@code %C0%AF}, a lone {@code %FF}) is answered 400 here, as every service would.
 */
@Component
class PathGuardFilter implements WebFilter, Ordered {

    private static final List<String> FORBIDDEN_SEGMENTS = List.of("internal", "actuator");
    private static final List<String> SERVICE_TOKEN_ENDPOINT = List.of("api", "auth", "token");
    private static final List<String> FORBIDDEN_ENCODINGS = List.of("%2f", "%5c", "%2e", "%00", "\\");

    private final ProblemResponses problems;

    PathGuardFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        RequestPath path = exchange.getRequest().getPath();
        if (!isUtf8(path.value())) {
            return problems.write(
                    exchange,
                    HttpStatus.BAD_REQUEST,
                    "The request path is not valid percent-encoded UTF-8.",
                    "invalid-path",
                    path.value());
        }
        return isForbidden(path) ? problems.write(exchange, HttpStatus.NOT_FOUND) : chain.filter(exchange);
    }

    /** Whether the raw path's percent-encoded bytes are well-formed UTF-8 (the common case, no {@code %}: yes). */
    static boolean isUtf8(String rawPath) {
        if (rawPath.indexOf('%') < 0) {
            return true;
        }
        var bytes = new ByteArrayOutputStream(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int high = i + 2 < rawPath.length() ? Character.digit(rawPath.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(rawPath.charAt(i + 2), 16);
            if (low < 0) {
                return false;
            }
            bytes.write(high << 4 | low);
            i += 2;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static boolean isForbidden(RequestPath path) {
        String raw = path.value();
        if ((raw.indexOf('%') >= 0 || raw.indexOf('\\') >= 0)
                && FORBIDDEN_ENCODINGS.stream().anyMatch(raw.toLowerCase(Locale.ROOT)::contains)) {
            return true;
        }
        boolean first = true;
        int tokenSegments = 0; // how far the path matches SERVICE_TOKEN_ENDPOINT, -1 once it does not
        for (PathContainer.Element element : path.pathWithinApplication().elements()) {
            if (element instanceof PathContainer.PathSegment segment) {
                String value = segment.valueToMatch();
                if (value.equals(".")
                        || value.equals("..")
                        || !segment.parameters().isEmpty()) {
                    return true;
                }
                boolean ownActuator = first && value.equalsIgnoreCase("actuator");
                if (!ownActuator && isForbiddenSegment(value)) {
                    return true;
                }
                if (!value.isEmpty() && tokenSegments >= 0) {
                    tokenSegments = tokenSegments < SERVICE_TOKEN_ENDPOINT.size()
                                    && SERVICE_TOKEN_ENDPOINT.get(tokenSegments).equalsIgnoreCase(value)
                            ? tokenSegments + 1
                            : -1;
                }
                first = false;
            }
        }
        return tokenSegments == SERVICE_TOKEN_ENDPOINT.size();
    }

    private static boolean isForbiddenSegment(String value) {
        for (String forbidden : FORBIDDEN_SEGMENTS) {
            if (forbidden.equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
