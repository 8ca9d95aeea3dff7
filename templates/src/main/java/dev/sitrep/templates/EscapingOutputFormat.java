package dev.sitrep.templates;

import freemarker.core.CommonMarkupOutputFormat;
import java.io.IOException;
import java.io.Writer;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A FreeMarker output format that auto-escapes every interpolation with a platform's escaper, so
 * no template author can forget to escape user text. Each platform is one instance with its own escaper.
 */
public final class EscapingOutputFormat extends CommonMarkupOutputFormat<EscapedMarkup> {

    private final String name;
    private final String mimeType;
    private final UnaryOperator<String> escaper;

    public EscapingOutputFormat(String name, String mimeType, UnaryOperator<String> escaper) {
        this.name = Objects.requireNonNull(name, "name");
        this.mimeType = Objects.requireNonNull(mimeType, "mimeType");
        this.escaper = Objects.requireNonNull(escaper, "escaper");
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getMimeType() {
        return mimeType;
    }

    @Override
    public void output(String textToEsc, Writer out) throws IOException {
        out.write(escapePlainText(textToEsc));
    }

    @Override
    public String escapePlainText(String plainTextContent) {
        return escaper.apply(plainTextContent);
    }

    /**
     * False: a legacy escaping built-in ({@code ?html}, {@code ?xml}, …) applied to markup this
     * format already escaped is refused by FreeMarker, not passed through, since it would escape twice.
     */
    @Override
    public boolean isLegacyBuiltInBypassed(String builtInName) {
        return false;
    }

    @Override
    protected EscapedMarkup newTemplateMarkupOutputModel(String plainTextContent, String markupContent) {
        return new EscapedMarkup(this, plainTextContent, markupContent);
    }
}
