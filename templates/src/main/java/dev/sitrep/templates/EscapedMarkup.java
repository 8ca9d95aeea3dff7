package dev.sitrep.templates;

import freemarker.core.CommonTemplateMarkupOutputModel;

/** Markup produced by an {@link EscapingOutputFormat}: either escaped user text or trusted markup. */
public final class EscapedMarkup extends CommonTemplateMarkupOutputModel<EscapedMarkup> {

    private final EscapingOutputFormat format;

    EscapedMarkup(EscapingOutputFormat format, String plainTextContent, String markupContent) {
        super(plainTextContent, markupContent);
        this.format = format;
    }

    @Override
    public EscapingOutputFormat getOutputFormat() {
        return format;
    }
}
