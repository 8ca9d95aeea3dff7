package dev.sitrep.bot.blackbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks over what was filed outside the chat platform, and over the requests the fakes saw. */
final class Filed {

    private Filed() {
    }

    /**
     * GitHub turns {@code @login} and {@code @org/team} into mentions that notify
     * (https://docs.github.com/en/get-started/writing-on-github/getting-started-with-writing-and-formatting-on-github/basic-writing-and-formatting-syntax#mentioning-people-and-teams),
     * except inside code (https://docs.github.com/en/get-started/writing-on-github/getting-started-with-writing-and-formatting-on-github/basic-writing-and-formatting-syntax#quoting-code).
     * An {@code @} that follows a letter, digit or URL character (an e-mail address, a URL) is not a mention.
     */
    private static final Pattern HANDLE = Pattern.compile("(?<![A-Za-z0-9_.+\\-/=%:`])@[A-Za-z0-9][A-Za-z0-9-]*(?:/[A-Za-z0-9][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*)?");

    /** Markdown with its fenced code blocks and code spans removed. */
    static String withoutCode(String text) {
        String s = text.replaceAll("(?ms)^\\s*(```|~~~).*?^\\s*\\1\\s*$", " ");
        // a code span: a run of n backticks up to the next run of exactly n backticks (CommonMark 6.1)
        s = s.replaceAll("(?s)(`+)(?!`).+?(?<!`)\\1(?!`)", " ");
        // Confluence storage: <code>, and the code macro's plain-text body
        s = s.replaceAll("(?s)<code>.*?</code>", " ");
        s = s.replaceAll("(?s)<ac:plain-text-body>.*?</ac:plain-text-body>", " ");
        return s;
    }

    /** The @handles outside code in a filed text, with a little context each. */
    static List<String> handles(String text) {
        List<String> out = new ArrayList<>();
        String s = withoutCode(text);
        Matcher m = HANDLE.matcher(s);
        while (m.find()) {
            int from = Math.max(0, m.start() - 30);
            int to = Math.min(s.length(), m.end() + 10);
            out.add(m.group() + " in \"…" + s.substring(from, to).replace('\n', ' ') + "…\"");
        }
        return out;
    }

    private static final Pattern DELIMITER_ROW = Pattern.compile("^(?=.*\\|)(?=.*-)[\\s|:-]+$");

    /**
     * GitHub Flavored Markdown tables: "The header row ... The delimiter row" (https://github.github.com/gfm/#tables-extension-);
     * GitHub's guide (https://docs.github.com/en/get-started/writing-on-github/working-with-advanced-formatting/organizing-information-with-tables)
     * gives every column a header. A header row whose cells are empty is what the brief forbids.
     */
    static List<String> emptyTableHeaders(String markdown) {
        List<String> out = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        for (int i = 1; i < lines.length; i++) {
            if (DELIMITER_ROW.matcher(lines[i]).matches() && lines[i - 1].contains("|")) {
                String header = lines[i - 1].trim();
                if (header.startsWith("|")) {
                    header = header.substring(1);
                }
                if (header.endsWith("|") && !header.endsWith("\\|")) {
                    header = header.substring(0, header.length() - 1);
                }
                for (String cell : header.split("(?<!\\\\)\\|", -1)) {
                    if (cell.isBlank()) {
                        out.add("header row \"" + lines[i - 1] + "\" (line " + i + ") has an empty cell");
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** Empty {@code <th>} cells in Confluence storage. */
    static List<String> emptyStorageHeaders(String storage) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<th(\\s[^>]*)?(/>|>\\s*(<p>\\s*</p>|<br\\s*/>)?\\s*</th>)").matcher(storage);
        while (m.find()) {
            out.add("empty header cell " + m.group() + " at offset " + m.start());
        }
        return out;
    }

    /** Server paths in a filed text. */
    static List<String> serverPaths(String text, Set<String> paths) {
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            int i = text.indexOf(p);
            if (i >= 0) {
                int from = Math.max(0, i - 40);
                int to = Math.min(text.length(), i + p.length() + 40);
                out.add(p + " in \"…" + text.substring(from, to).replace('\n', ' ') + "…\"");
            }
        }
        return out;
    }

    /** Refused requests (statuses the service answers to a bad request) sent more than once, identically, for the same chat command. */
    static List<String> repeatedRefusals(List<FakeHttp.Exchange> exchanges) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (FakeHttp.Exchange e : exchanges) {
            if (Set.of(400, 401, 403, 409, 422).contains(e.status())) {
                String key = "[round " + e.round() + "] " + e.method() + " " + e.path()
                        + (e.query() == null ? "" : "?" + e.query()) + " -> " + e.status() + " body " + abbreviate(e.body());
                counts.merge(key, 1, Integer::sum);
            }
        }
        List<String> out = new ArrayList<>();
        counts.forEach((k, n) -> {
            if (n > 1) {
                out.add(n + "× " + k);
            }
        });
        return out;
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 200 ? s : s.substring(0, 200) + "…(" + s.length() + " chars)";
    }
}
