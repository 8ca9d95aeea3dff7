package dev.sitrep.bot.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The one table the benchmark command prints: columns sized to their widest cell. */
final class Table {

    private static final String[] HEADER = {"benchmark", "figure", "today", "reference", "against", "ratio", "goal"};

    private Table() {
    }

    static String render(Map<String, List<Row>> rows, Map<String, Exception> failed) {
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADER);
        rows.forEach((benchmark, list) -> list.forEach(r -> lines.add(new String[] {
                benchmark, r.figure(), number(r.today()), number(r.reference()), r.against(),
                Double.isNaN(r.ratio()) ? "" : String.format(Locale.ROOT, "%.2f×", r.ratio()), r.goal()})));
        failed.forEach((benchmark, e) -> lines.add(new String[] {benchmark, "FAILED: " + e, "", "", "", "", ""}));
        int[] width = new int[HEADER.length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder(System.lineSeparator());
        for (int l = 0; l < lines.size(); l++) {
            String[] line = lines.get(l);
            for (int i = 0; i < line.length; i++) {
                boolean numeric = i >= 2 && i != 4 && i != 6;
                String cell = numeric ? " ".repeat(width[i] - line[i].length()) + line[i]
                        : line[i] + " ".repeat(width[i] - line[i].length());
                out.append(i == 0 ? "| " : " | ").append(cell);
            }
            out.append(" |").append(System.lineSeparator());
            if (l == 0) {
                for (int i = 0; i < width.length; i++) {
                    out.append(i == 0 ? "|-" : "-|-").append("-".repeat(width[i]));
                }
                out.append("-|").append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
