package dev.sitrep.commands.incident;

import java.text.Normalizer;
import java.util.Locale;

/** Titles as names: lowercase, only a-z 0-9 and '-', accents folded (channel names, file names, branches). */
public final class Slug {

    private Slug() {
    }

    public static String of(String title) {
        String decomposed = Normalizer.normalize(title, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("ł", "l")
                .toLowerCase(Locale.ROOT);
        return decomposed.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }

    /** {@code INC-42-checkout-errors}, cut to {@code max} characters; {@code INC-42} for non-Latin titles. */
    public static String fileName(IncidentId id, String title, int max) {
        return name(id.label(), title, max);
    }

    /**
     * {@code <base>-<slug of title>} cut to {@code max} characters without a trailing dash; just
     * {@code base} when the title has no ASCII slug (non-Latin scripts), which is still unique.
     */
    public static String name(String base, String title, int max) {
        String slug = of(title);
        String name = slug.isEmpty() ? base : base + "-" + slug;
        if (name.length() <= max) {
            return name;
        }
        String cut = name.substring(0, max);
        return cut.endsWith("-") ? cut.substring(0, cut.length() - 1) : cut;
    }
}
