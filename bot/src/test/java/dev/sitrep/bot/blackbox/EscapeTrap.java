package dev.sitrep.bot.blackbox;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The JVM of the bot under test gets this as its HTTP and HTTPS proxy (everything but 127.0.0.1 and
 * localhost goes through it), so nothing ever leaves the machine. Every attempt is recorded.
 *
 * <p>When sitrep calls {@code https://slack.com/api/...} despite {@code sitrep.slack.api-url} pointing
 * at the fake, the trap (optionally) terminates TLS with a throw-away certificate for slack.com,
 * which the bot's JVM is told to trust, and hands the call to the fake marked as having gone to
 * slack.com. The check that all calls go to the configured base reports it; the other checks can
 * still see what sitrep does.
 */
final class EscapeTrap implements AutoCloseable {

    final List<String> attempts = new CopyOnWriteArrayList<>() {
        @Override public boolean add(String s) {
            try { Files.writeString(log, s + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND); } catch (IOException ignored) { }
            return super.add(s);
        }
    };
    private final Path log;
    /** Failures of the trap itself (not attempts by the bot). */
    final List<String> troubles = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> { Thread t = new Thread(r, "escape-trap"); t.setDaemon(true); return t; });
    private final SSLContext tls;
    final Path trustStore;
    final String trustStorePassword = "contract";
    private final String forwardTo;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** @param forwardTo the fake's base ("http://127.0.0.1:port") that slack.com calls are handed to, or null to refuse them */
    EscapeTrap(Path dir, String forwardTo) throws Exception {
        this.forwardTo = forwardTo;
        this.log = dir.resolve("escapes.log");
        Path ks = dir.resolve("slack-com.p12");
        Path cert = dir.resolve("slack-com.crt");
        trustStore = dir.resolve("trust.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "slack", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=slack.com",
                "-ext", "SAN=dns:slack.com,dns:*.slack.com", "-validity", "2", "-keystore", ks.toString(), "-storetype", "PKCS12",
                "-storepass", trustStorePassword, "-keypass", trustStorePassword);
        run(keytool, "-exportcert", "-alias", "slack", "-keystore", ks.toString(), "-storepass", trustStorePassword, "-file", cert.toString());
        run(keytool, "-importcert", "-noprompt", "-alias", "slack", "-file", cert.toString(), "-keystore", trustStore.toString(),
                "-storetype", "PKCS12", "-storepass", trustStorePassword);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) { store.load(in, trustStorePassword.toCharArray()); }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, trustStorePassword.toCharArray());
        tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        pool.submit(this::acceptLoop);
    }

    int port() { return server.getLocalPort(); }

    List<String> jvmFlags() {
        return List.of("-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=" + port(),
                "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=" + port(),
                "-Dhttp.nonProxyHosts=127.0.0.1|localhost",
                "-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + trustStorePassword,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                pool.submit(() -> handle(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket s) {
        try (s) {
            s.setSoTimeout(30_000);
            InputStream in = s.getInputStream(); // unbuffered: nothing past the CONNECT head is read here
            String head = readHead(in);
            String first = head.lines().findFirst().orElse("");
            OutputStream out = s.getOutputStream();
            String[] parts = first.split(" ");
            if (parts.length >= 2 && !parts[0].equals("CONNECT") && isLocal(parts[1])) {
                // A plain-HTTP request to 127.0.0.1 that the client sent through the proxy anyway
                // (it ignored http.nonProxyHosts): pass it on unchanged, it never leaves the machine.
                serveHttp(null, head, in, out);
                return;
            }
            if (parts.length >= 2 && parts[0].equals("CONNECT") && (parts[1].startsWith("127.0.0.1:") || parts[1].startsWith("localhost:"))) {
                // A tunnel to 127.0.0.1 (e.g. the Socket Mode WebSocket through the proxy): pipe it through.
                try (Socket target = new Socket("127.0.0.1", Integer.parseInt(parts[1].substring(parts[1].indexOf(':') + 1)))) {
                    out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    s.setSoTimeout(0);
                    Thread up = new Thread(() -> { try { in.transferTo(target.getOutputStream()); } catch (IOException ignored) { } finally { try { target.shutdownOutput(); } catch (IOException ignored) { } } }, "trap-tunnel");
                    up.setDaemon(true);
                    up.start();
                    try { target.getInputStream().transferTo(out); } catch (IOException ignored) { }
                }
                return;
            }
            attempts.add(first);
            if (parts.length >= 2 && parts[0].equals("CONNECT") && forwardTo != null
                    && (parts[1].equals("slack.com:443") || parts[1].endsWith(".slack.com:443"))) {
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                String host = parts[1].substring(0, parts[1].indexOf(':'));
                SSLSocket tlsSocket = (SSLSocket) tls.getSocketFactory().createSocket(s, host, 443, true);
                tlsSocket.setUseClientMode(false);
                tlsSocket.startHandshake();
                InputStream tin = new BufferedInputStream(tlsSocket.getInputStream());
                serveHttp(host, readHead(tin), tin, tlsSocket.getOutputStream());
                return;
            }
            out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (java.net.SocketTimeoutException idle) {
            // an idle keep-alive connection: nothing was attempted
        } catch (Exception e) {
            troubles.add(e.toString());
        }
    }

    private static boolean isLocal(String target) {
        try {
            URI u = URI.create(target);
            return "http".equals(u.getScheme()) && ("127.0.0.1".equals(u.getHost()) || "localhost".equals(u.getHost()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Serves HTTP/1.1 requests on one connection: to slack.com (tlsHost set) via the fake, or to 127.0.0.1 as addressed. */
    private void serveHttp(String tlsHost, String head, InputStream in, OutputStream out) throws Exception {
        while (!head.isEmpty()) {
            List<String> lines = head.lines().toList();
            String[] req = lines.get(0).split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            for (String l : lines.subList(1, lines.size())) {
                int i = l.indexOf(':');
                if (i > 0) headers.put(l.substring(0, i).trim().toLowerCase(Locale.ROOT), l.substring(i + 1).trim());
            }
            byte[] body = new byte[0];
            if (headers.containsKey("content-length")) body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) body = readChunked(in);
            URI target;
            if (tlsHost != null) {
                attempts.add("https://" + tlsHost + req[1]);
                target = URI.create(forwardTo + req[1]);
            } else {
                target = URI.create(req[1]);
                if (!isLocal(req[1])) {
                    attempts.add(lines.get(0));
                    out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    return;
                }
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(20))
                    .method(req[0], body.length == 0 && req[0].equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (tlsHost != null) b.header("X-Contract-Went-To", tlsHost);
            for (var h : headers.entrySet()) {
                if (!Set.of("host", "content-length", "connection", "transfer-encoding", "proxy-connection", "keep-alive", "upgrade", "expect").contains(h.getKey())) {
                    b.header(h.getKey(), h.getValue());
                }
            }
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            StringBuilder rh = new StringBuilder("HTTP/1.1 " + r.statusCode() + " X\r\n");
            r.headers().map().forEach((k, vs) -> {
                if (!Set.of("content-length", "transfer-encoding", "connection", ":status").contains(k.toLowerCase(Locale.ROOT))) vs.forEach(v -> rh.append(k).append(": ").append(v).append("\r\n"));
            });
            rh.append("Content-Length: ").append(r.body().length).append("\r\n\r\n");
            out.write(rh.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(r.body());
            out.flush();
            head = readHead(in);
        }
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (true) {
            String size = readLine(in).trim();
            int n = Integer.parseInt(size.contains(";") ? size.substring(0, size.indexOf(';')) : size, 16);
            if (n == 0) { readLine(in); return buf.toByteArray(); }
            buf.write(in.readNBytes(n));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') if (c != '\r') b.append((char) c);
        return b.toString();
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            String l = readLine(in);
            if (l.isEmpty()) return b.toString();
            b.append(l).append('\n');
        }
    }

    @Override public void close() {
        try { server.close(); } catch (IOException ignored) { }
        pool.shutdownNow();
    }
}
