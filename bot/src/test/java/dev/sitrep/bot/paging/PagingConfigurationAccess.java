package dev.sitrep.bot.paging;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Lets tests of other packages import the package-private {@link PagingConfiguration}. */
@Configuration(proxyBeanMethods = false)
@Import(PagingConfiguration.class)
public class PagingConfigurationAccess {
}
