package dev.sitrep.templates;

import dev.sitrep.commands.message.Message;
import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateNotFoundException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders a {@link Message} with the template of the same name, in one dialect. Templates are looked
 * up in the operator's folder ({@code sitrep.templates.dir}) first, then among the built-in ones; in
 * each, a {@code <dialect>/<name>.ftl} beats {@code <name>.ftl}.
 */
public final class TemplateRenderer {

    static final String BUILT_IN = "/sitrep/templates";

    private final Dialect dialect;
    private final Configuration configuration;
    private final Map<String, String> operatorsOldNames;
    private final @Nullable Path overrideDir;

    public TemplateRenderer(Dialect dialect, @Nullable Path overrideDir) {
        this.dialect = dialect;
        this.overrideDir = overrideDir;
        this.configuration = configure(dialect, overrideDir);
        this.operatorsOldNames = overrideDir == null ? Map.of() : RenamedTemplates.foundIn(overrideDir, dialect.name());
    }

    public Dialect dialect() {
        return dialect;
    }

    public String render(Message message) {
        Template template = find(operatorsOldNames.getOrDefault(message.template(), message.template()));
        StringWriter out = new StringWriter();
        try {
            template.process(message, out);
        } catch (TemplateException e) {
            throw new IllegalStateException("Template " + template.getName() + " failed: " + e.getMessageWithoutStackTop(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().strip();
    }

    /**
     * Whether this dialect has a template of its own for the message ({@code <dialect>/<name>.ftl},
     * the operator's or built-in), rather than only the shared {@code <name>.ftl}.
     */
    public boolean hasOwn(Message message) {
        try {
            configuration.getTemplate(ownName(message));
            return true;
        } catch (TemplateNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException("Template " + ownName(message) + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** {@code <dialect>/<name>.ftl}: how errors name the template a dialect renders the message with. */
    public String ownName(Message message) {
        return dialect.name() + "/" + operatorsOldNames.getOrDefault(message.template(), message.template()) + ".ftl";
    }

    /** Whether the operator's folder holds this dialect's template for the message (it is checked at startup). */
    public boolean operatorOverrides(Message message) {
        return overrideDir != null && Files.isRegularFile(overrideDir.resolve(ownName(message)));
    }

    private Template find(String name) {
        for (String candidate : List.of(dialect.name() + "/" + name + ".ftl", name + ".ftl")) {
            try {
                return configuration.getTemplate(candidate);
            } catch (TemplateNotFoundException e) {
                // try the next candidate
            } catch (IOException e) {
                throw new IllegalStateException("Template " + candidate + " cannot be read: " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("No template " + name + ".ftl for " + dialect.name());
    }

    private static Configuration configure(Dialect dialect, @Nullable Path overrideDir) {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        List<TemplateLoader> loaders = new ArrayList<>();
        if (overrideDir != null) {
            if (!Files.isDirectory(overrideDir)) {
                throw new IllegalArgumentException("sitrep.templates.dir " + overrideDir + " is not a directory");
            }
            try {
                loaders.add(new FileTemplateLoader(overrideDir.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        loaders.add(new ClassTemplateLoader(TemplateRenderer.class, BUILT_IN));
        cfg.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));
        cfg.setRegisteredCustomOutputFormats(List.of(dialect.outputFormat()));
        cfg.setOutputFormat(dialect.outputFormat());
        cfg.setDefaultEncoding("UTF-8");
        cfg.setLocale(Locale.ROOT);
        cfg.setLocalizedLookup(false);
        cfg.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34).build());
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        // Templates may come from an operator's folder; they format messages, they do not run code.
        cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        cfg.setAPIBuiltinEnabled(false);
        cfg.setNumberFormat("computer");
        TemplateFunctions.install(cfg, dialect);
        return cfg;
    }
}
