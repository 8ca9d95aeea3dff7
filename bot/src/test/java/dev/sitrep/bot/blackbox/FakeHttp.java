package dev.sitrep.bot.blackbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A small JDK HttpServer base for the black-box fakes: binds 127.0.0.1 only, records every
 * exchange (method, path, query, request body, status, response body) for the checks.
 */
abstract class FakeHttp implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One request the fake answered. */
    record Exchange(int round, String method, String path, String query, String authorization, String body,
                    int status, String response) {
        String line() {
            return "[round " + round + "] " + method + " " + path + (query == null ? "" : "?" + query) + " -> " + status;
        }
    }

    /** What a handler answers. */
    record Answer(int status, String body, Map<String, String> headers) {
        static Answer json(int status, Object node) {
            try {
                return new Answer(status, JSON.writeValueAsString(node), Map.of());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The request as the handlers see it. */
    record Request(String method, String path, String query, Map<String, String> params,
                   String authorization, String contentType, String userAgent, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body == null || body.isEmpty() ? "null" : body);
        }
    }

    final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    /** Which chat command the requests answer to (set by the test before it sends one). */
    volatile int round;
    private final HttpServer server;

    FakeHttp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::serve);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    abstract Answer handle(Request request) throws IOException;

    private void serve(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String rawPath = exchange.getRequestURI().getRawPath();
        String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        String query = exchange.getRequestURI().getRawQuery();
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(k, v);
            }
        }
        Request request = new Request(exchange.getRequestMethod(), path, query, params,
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("User-Agent"), body);
        Answer answer;
        try {
            synchronized (this) {
                answer = handle(request);
            }
        } catch (Exception e) {
            answer = new Answer(500, "{\"message\":\"fake failed: " + e + "\"}", Map.of());
        }
        exchanges.add(new Exchange(round, request.method(), path, query, request.authorization(), body,
                answer.status(), answer.body()));
        byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    List<Exchange> exchanges() {
        return new ArrayList<>(exchanges);
    }

    String log() {
        StringBuilder out = new StringBuilder();
        for (Exchange e : exchanges) {
            out.append("  ").append(e.line()).append('\n');
        }
        return out.toString();
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
