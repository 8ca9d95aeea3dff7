package dev.sitrep.bot.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The counters of a redis-server's {@code INFO stats} and {@code INFO commandstats}, read over the
 * Redis protocol itself, and their difference between two readings. {@code commandstats} counts
 * every command, also those a Lua script runs ({@code cmdstat_zadd} includes a script's ZADDs).
 */
record RedisInfo(Map<String, Long> stats, Map<String, Long> calls) {

    static RedisInfo read(int port) throws Exception {
        Map<String, Long> stats = new TreeMap<>();
        Map<String, Long> calls = new TreeMap<>();
        try (Socket socket = new Socket("127.0.0.1", port);
             PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            for (String section : new String[] {"stats", "commandstats"}) {
                out.print("INFO " + section + "\r\n");
                out.flush();
                String header = in.readLine();
                if (header == null || !header.startsWith("$")) {
                    throw new IllegalStateException("INFO " + section + " answered " + header);
                }
                int left = Integer.parseInt(header.substring(1));
                // The bulk's length counts bytes; every byte of INFO is ASCII, so chars too.
                char[] body = new char[left + 2];
                int read = 0;
                while (read < body.length) {
                    int n = in.read(body, read, body.length - read);
                    if (n < 0) {
                        throw new IllegalStateException("INFO " + section + " cut short");
                    }
                    read += n;
                }
                for (String line : new String(body).split("\r\n")) {
                    int colon = line.indexOf(':');
                    if (line.startsWith("#") || colon < 0) {
                        continue;
                    }
                    String name = line.substring(0, colon);
                    String value = line.substring(colon + 1);
                    if (name.startsWith("cmdstat_")) {
                        // cmdstat_zadd:calls=12,usec=…
                        String count = value.substring("calls=".length(), value.indexOf(','));
                        calls.put(name.substring("cmdstat_".length()), Long.parseLong(count));
                    } else if (value.matches("-?\\d+")) {
                        stats.put(name, Long.parseLong(value));
                    }
                }
            }
        }
        return new RedisInfo(stats, calls);
    }

    RedisInfo minus(RedisInfo before) {
        return new RedisInfo(difference(stats, before.stats), difference(calls, before.calls));
    }

    long stat(String name) {
        Long value = stats.get(name);
        if (value == null) {
            throw new IllegalStateException("INFO stats has no " + name);
        }
        return value;
    }

    /** Calls per command name divided by {@code per}, most called first: "evalsha 3.01, set 2.00, …". */
    String perCommand(int per) {
        return calls.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .map(e -> "%s %.2f".formatted(e.getKey(), e.getValue() / (double) per))
                .collect(Collectors.joining(", "));
    }

    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> diff = new LinkedHashMap<>();
        after.forEach((k, v) -> diff.put(k, v - before.getOrDefault(k, 0L)));
        return diff;
    }
}
