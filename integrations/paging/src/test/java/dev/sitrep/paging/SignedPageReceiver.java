package dev.sitrep.paging;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver of the webhook pager written only from the README's "Verify the signature" steps (it
 * shares no code with the pager): anything whose signature or timestamp does not check out gets 401.
 */
final class SignedPageReceiver implements AutoCloseable {

    private final HttpServer server;
    private final byte[] secret;
    private final Clock clock;
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    SignedPageReceiver(String secret, Clock clock) throws IOException {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/page", this::receive);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/page";
    }

    List<String> accepted() {
        return List.copyOf(accepted);
    }

    List<String> refused() {
        return List.copyOf(refused);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            // Step 1: the raw body, exactly as received, before any parsing.
            byte[] body = exchange.getRequestBody().readAllBytes();
            String timestamp = exchange.getRequestHeaders().getFirst("X-Sitrep-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-Sitrep-Signature");
            String problem = problem(body, timestamp, signature);
            String text = new String(body, StandardCharsets.UTF_8);
            (problem == null ? accepted : refused).add(problem == null ? text : problem);
            exchange.sendResponseHeaders(problem == null ? 204 : 401, -1);
        }
    }

    private String problem(byte[] body, String timestamp, String signature) {
        if (timestamp == null || signature == null) {
            return "unsigned";
        }
        // Step 2: refuse a timestamp more than five minutes from our clock (a replay).
        long sent;
        try {
            sent = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "bad timestamp";
        }
        if (Math.abs(clock.instant().getEpochSecond() - sent) > 300) {
            return "stale timestamp";
        }
        // Step 3: HMAC-SHA256, keyed with the shared secret, over "v1:" + timestamp + ":" + body.
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("v1:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            expected = ("v1=" + HexFormat.of().formatHex(mac.doFinal(body))).getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        // Step 4: compare in constant time.
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8)) ? null : "bad signature";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
