package dev.sitrep.bot.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.ApplicationContextFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.GenericApplicationListenerAdapter;
import org.springframework.core.ResolvableType;
import org.springframework.context.Lifecycle;
import org.springframework.core.env.Environment;
import org.springframework.core.type.MethodMetadata;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.StringUtils;

/**
 * The console's start without the web stack on its way (issue 15 §2: from {@code ./sitrep} to the
 * answer to the first typed command). In the console with no chat platform, nobody needs the
 * dashboard, the actuator's web endpoints or the alert webhook before the prompt; building them —
 * Tomcat, Spring Security's filter chains, MVC, FreeMarker's view resolver — was about a fifth of the
 * start. So this context, in that mode only, does not create the web server during the refresh and
 * leaves the web stack's beans ({@link #WEB_STACK}) to be made later; {@link #startWebInBackground}
 * then creates the web server, makes those beans (and tells the ones that want it that all singletons
 * are there, as the refresh would have) and starts the server, on a thread of its own, once the
 * context is refreshed: while the prompt is shown and the first command answered. The dashboard's URL
 * is printed when it listens ({@code DashboardUrl}), as before, a moment later.
 *
 * <p>With Slack or Discord configured — or {@code sitrep.console.dashboard-after-prompt=false} — it is
 * Spring Boot's servlet context, unchanged: the web server starts during the refresh and readiness
 * waits for it. A web server that cannot start here (the port taken) is said on the console, which
 * goes on without the dashboard; before, the whole console stopped.
 */
public final class DashboardAfterPrompt extends AnnotationConfigServletWebServerApplicationContext {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardAfterPrompt.class);
    static final String SWITCH = "sitrep.console.dashboard-after-prompt";
    /**
     * Where the web stack's beans are declared or made: the dashboard, Tomcat, servlets and filters,
     * MVC (the actuator's web mappings included), Spring Security, FreeMarker's views.
     */
    static final List<String> WEB_STACK = List.of("dev.sitrep.web.", "org.springframework.boot.webmvc.",
            "org.springframework.boot.tomcat.", "org.springframework.boot.servlet.", "org.springframework.boot.web.",
            "org.springframework.boot.security.", "org.springframework.security.", "org.springframework.boot.freemarker.",
            "org.springframework.web.", "org.springframework.boot.actuate.autoconfigure.web.");

    private final List<String> deferred = new ArrayList<>();
    private volatile boolean deferring;
    private volatile boolean starting;
    private final CompletableFuture<Void> web = new CompletableFuture<>();
    /** The web stack's listeners, kept from the events of the start until they are made ({@link #startWeb}). */
    private final List<String> hiddenListeners = new ArrayList<>();
    private final List<ApplicationEvent> missed = new ArrayList<>();
    private volatile boolean hiding;

    /** Spring Boot's context factory, with this context for a servlet application. */
    public static ApplicationContextFactory factory() {
        return new ApplicationContextFactory() {
            @Override
            public Class<? extends org.springframework.core.env.ConfigurableEnvironment> getEnvironmentType(
                    WebApplicationType type) {
                return DEFAULT.getEnvironmentType(type);
            }

            @Override
            public org.springframework.core.env.ConfigurableEnvironment createEnvironment(WebApplicationType type) {
                return DEFAULT.createEnvironment(type);
            }

            @Override
            public ConfigurableApplicationContext create(WebApplicationType type) {
                // With Spring's generated bean definitions (./bench's Spring AOT row) the context must not
                // register the annotation processors again: Spring Boot's own context for that case.
                return type == WebApplicationType.SERVLET && !AotDetector.useGeneratedArtifacts()
                        ? new DashboardAfterPrompt() : DEFAULT.create(type);
            }
        };
    }

    /** The console alone, no chat platform: the only mode whose web server may come after the prompt. */
    static boolean consoleOnly(Environment env) {
        return env.getProperty("sitrep.console.enabled", Boolean.class, false)
                && !StringUtils.hasText(env.getProperty("sitrep.slack.bot-token"))
                && !StringUtils.hasText(env.getProperty("sitrep.discord.token"))
                && env.getProperty(SWITCH, Boolean.class, true);
    }

    @Override
    protected void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        super.postProcessBeanFactory(beanFactory);
        deferring = consoleOnly(getEnvironment());
        if (deferring) {
            // Runs after the configuration classes have registered every bean definition.
            addBeanFactoryPostProcessor(this::deferWebStack);
        } else {
            web.complete(null);
        }
    }

    /**
     * The web stack's singletons made lazy: made later by {@link #startWeb()}, or at once by Spring if
     * a bean the refresh makes needs one (so nothing is missing, it is only not moved).
     */
    private void deferWebStack(ConfigurableListableBeanFactory beanFactory) {
        for (String name : beanFactory.getBeanDefinitionNames()) {
            BeanDefinition definition = beanFactory.getBeanDefinition(name);
            if (definition.isSingleton() && !definition.isAbstract() && !definition.isLazyInit()
                    && webStack(definition, beanFactory)) {
                definition.setLazyInit(true);
                deferred.add(name);
            }
        }
    }

    private static boolean webStack(BeanDefinition definition, ConfigurableListableBeanFactory beanFactory) {
        String origin = definition.getBeanClassName();
        if (definition instanceof AnnotatedBeanDefinition annotated) {
            MethodMetadata method = annotated.getFactoryMethodMetadata();
            if (method != null) {
                origin = method.getDeclaringClassName();
            }
        }
        if (origin == null && definition.getFactoryBeanName() != null
                && beanFactory.containsBeanDefinition(definition.getFactoryBeanName())) {
            origin = beanFactory.getBeanDefinition(definition.getFactoryBeanName()).getBeanClassName();
        }
        String declaredBy = origin;
        return declaredBy != null && WEB_STACK.stream().anyMatch(declaredBy::startsWith);
    }

    /**
     * The web stack's listeners do not hear the start's events now (they would be made to hear them: MVC's
     * resource URL provider, on the refresh's end, asks for the resource handlers, which need the web
     * server's servlet context); they hear them once made, in order ({@link #startWeb}).
     */
    @Override
    protected void finishBeanFactoryInitialization(ConfigurableListableBeanFactory beanFactory) {
        if (deferring) {
            ApplicationEventMulticaster events = beanFactory.getBean(APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
                    ApplicationEventMulticaster.class);
            for (String name : deferred) {
                if (beanFactory.isTypeMatch(name, ApplicationListener.class)) {
                    events.removeApplicationListenerBean(name);
                    hiddenListeners.add(name);
                }
            }
            hiding = true;
        }
        super.finishBeanFactoryInitialization(beanFactory);
    }

    @Override
    protected void publishEvent(Object event, @Nullable ResolvableType typeHint) {
        if (hiding && event instanceof ApplicationEvent applicationEvent) {
            synchronized (missed) {
                if (hiding) {
                    missed.add(applicationEvent);
                }
            }
        }
        super.publishEvent(event, typeHint);
    }

    @Override
    protected void onRefresh() {
        if (!deferring) {
            super.onRefresh();
        }
    }

    /** Whether the web server waits for {@link #startWebInBackground()}. */
    public boolean deferred() {
        return deferring && !web.isDone();
    }

    /** Starts the web server and the dashboard on a thread of its own; at once if it already runs. */
    public void startWebInBackground() {
        if (!deferred() || starting) {
            return;
        }
        starting = true;
        Thread thread = new Thread(this::startWeb, "sitrep-dashboard-start");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits (at most {@code timeout}) for the web server's start to have ended, either way: before the
     * context closes, so nothing is half made while it is taken down, and so that the start-up cache's
     * training run records the web stack's classes too.
     */
    public void awaitWeb(Duration timeout) {
        try {
            web.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            LOG.debug("Dashboard start not finished: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startWeb() {
        try {
            if (!isActive()) {
                return;
            }
            ConfigurableListableBeanFactory beans = getBeanFactory();
            redisFirst();
            Set<String> madeAlready = new java.util.HashSet<>();
            for (String name : deferred) {
                if (beans.containsSingleton(name)) {
                    madeAlready.add(name);
                }
            }
            // As the refresh does: the web server first (its servlets and filters), then the other singletons.
            super.onRefresh();
            List<Object> made = new ArrayList<>();
            for (String name : deferred) {
                if (!madeAlready.contains(name)) {
                    made.add(beans.isFactoryBean(name) ? beans.getBean("&" + name) : beans.getBean(name));
                }
            }
            for (Object bean : made) {
                if (bean instanceof SmartInitializingSingleton smart) {
                    smart.afterSingletonsInstantiated();
                }
            }
            hearMissedEvents(beans);
            // The two lifecycles the web server's creation registers, in their phases' order (Spring's
            // lifecycle processor had started every other one with the refresh, lazy ones included).
            start(beans.getBean("webServerStartStop", Lifecycle.class));
            start(beans.getBean("webServerGracefulShutdown", Lifecycle.class));
            web.complete(null);
        } catch (RuntimeException | Error e) {
            web.completeExceptionally(e);
            LOG.warn("The dashboard could not start ({}); the console goes on without it. A port in use? "
                    + "PORT=8090 ./sitrep moves it.", rootMessage(e));
        }
    }

    /**
     * The first command's take waits at most 2 s for Redis: its first connection (Lettuce's and Netty's
     * classes, the handshake) is made before the web stack takes the other core, or on a loaded machine
     * the first command typed at once was refused (PagerDutyContractIT, a cold JVM at load 13). The
     * connection is shared, so this is the one the console then uses; if Redis does not answer, the web
     * server starts after the connect timeout.
     */
    private void redisFirst() {
        RedisConnectionFactory redis = getBeanProvider(RedisConnectionFactory.class).getIfAvailable();
        if (redis == null) {
            return;
        }
        try (RedisConnection connection = redis.getConnection()) {
            connection.ping();
        } catch (RuntimeException e) {
            LOG.debug("Redis not answering before the dashboard's start: {}", e.toString());
        }
    }

    private void hearMissedEvents(ConfigurableListableBeanFactory beans) {
        List<ApplicationEvent> events;
        synchronized (missed) {
            hiding = false;
            events = List.copyOf(missed);
            missed.clear();
        }
        ApplicationEventMulticaster multicaster = beans.getBean(APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
                ApplicationEventMulticaster.class);
        for (String name : hiddenListeners) {
            multicaster.addApplicationListenerBean(name);
            @SuppressWarnings("unchecked")
            ApplicationListener<ApplicationEvent> listener = beans.getBean(name, ApplicationListener.class);
            GenericApplicationListenerAdapter adapter = new GenericApplicationListenerAdapter(listener);
            for (ApplicationEvent event : events) {
                if (adapter.supportsEventType(ResolvableType.forInstance(event))
                        && adapter.supportsSourceType(event.getSource().getClass())) {
                    listener.onApplicationEvent(event);
                }
            }
        }
    }

    private static void start(Lifecycle lifecycle) {
        if (!lifecycle.isRunning()) {
            lifecycle.start();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        @Nullable String message = root.getMessage();
        return message != null ? message : root.toString();
    }

    @Override
    protected void doClose() {
        if (starting) {
            awaitWeb(Duration.ofSeconds(30));
        }
        super.doClose();
    }
}
