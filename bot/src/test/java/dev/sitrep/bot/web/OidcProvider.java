package dev.sitrep.bot.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * A real OpenID Connect provider for the browser tests: Spring Authorization Server on a free port
 * of 127.0.0.1, with its own login form, one registered confidential client (authorization code
 * flow) and people whose ID tokens carry their e-mail. Nothing is stubbed: the bot discovers it
 * through {@code /.well-known/openid-configuration}, the browser follows its real redirects, and the
 * bot checks its signed ID tokens against its JWK set.
 */
final class OidcProvider implements AutoCloseable {

    public static final String CLIENT_ID = "sitrep-dashboard";
    public static final String PASSWORD = "correct horse battery staple";

    /** A person known to the provider; {@code verified} false models a provider that did not check the address. */
    public record Person(String username, String email, boolean verified) {
    }

    private final ConfigurableApplicationContext context;
    private final String clientSecret = UUID.randomUUID().toString();
    private final InMemoryRegisteredClientRepository clients = clients(clientSecret);

    public OidcProvider(List<Person> people) {
        context = new SpringApplicationBuilder(ProviderApplication.class)
                .initializers(c -> {
                    c.getBeanFactory().registerSingleton("registeredClients", clients);
                    c.getBeanFactory().registerSingleton("people", new People(people));
                })
                .run("--spring.config.name=oidc-provider", // not the bot's application.yml
                        "--server.port=0", "--server.address=127.0.0.1",
                        // The bot also runs on 127.0.0.1: cookies do not tell ports apart, so each keeps its own name.
                        "--server.servlet.session.cookie.name=PROVIDER_SESSION",
                        "--spring.main.banner-mode=off",
                        "--spring.data.redis.repositories.enabled=false",
                        "--spring.freemarker.check-template-location=false",
                        "--logging.level.root=WARN");
    }

    public String issuer() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    public String clientSecret() {
        return clientSecret;
    }

    /** The bot's arguments for an OIDC client registration named {@code registration} against this provider. */
    public List<String> clientArguments(String registration) {
        String prefix = "--spring.security.oauth2.client.";
        return List.of(prefix + "registration." + registration + ".provider=" + registration,
                prefix + "registration." + registration + ".client-id=" + CLIENT_ID,
                prefix + "registration." + registration + ".client-secret=" + clientSecret,
                prefix + "registration." + registration + ".scope=openid,email",
                prefix + "provider." + registration + ".issuer-uri=" + issuer());
    }

    /**
     * Registers where the provider may send the browser back (the bot's
     * {@code /login/oauth2/code/<registration>}), once the bot listens and its port is known.
     */
    public void allowRedirect(String redirectUri) {
        RegisteredClient client = clients.findByClientId(CLIENT_ID);
        clients.save(RegisteredClient.from(client).redirectUris(uris -> {
            uris.clear();
            uris.add(redirectUri);
        }).build());
    }

    @Override
    public void close() {
        context.close();
    }

    private static InMemoryRegisteredClientRepository clients(String secret) {
        return new InMemoryRegisteredClientRepository(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(CLIENT_ID)
                .clientSecret("{noop}" + secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://127.0.0.1/not-yet-known")
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.EMAIL)
                .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                .build());
    }

    /** The provider's directory: usernames and passwords for its login form, e-mails for the tokens. */
    record People(List<Person> all) {

        Map<String, Person> byUsername() {
            return all.stream().collect(java.util.stream.Collectors.toMap(Person::username, p -> p));
        }
    }

    /**
     * Deliberately not a {@code @Configuration}: the bot's own application scans this package, and
     * must not pick up a second login server. Given to the builder as its source, its beans still count.
     */
    @EnableAutoConfiguration
    static class ProviderApplication {

        @Bean
        UserDetailsService users(People people) {
            return new InMemoryUserDetailsManager(people.all().stream()
                    .map(p -> User.withUsername(p.username()).password("{noop}" + PASSWORD).roles("USER").build())
                    .toList());
        }

        /** The e-mail claims (OpenID Connect Core 1.0 §5.1) in the ID token; userinfo reads them from there. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> emailClaims(People people) {
            return context -> {
                if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                    return;
                }
                Person person = people.byUsername().get(context.getPrincipal().getName());
                if (person != null && context.getAuthorizedScopes().contains(OidcScopes.EMAIL)) {
                    context.getClaims().claim("email", person.email()).claim("email_verified", person.verified());
                }
            };
        }
    }
}
