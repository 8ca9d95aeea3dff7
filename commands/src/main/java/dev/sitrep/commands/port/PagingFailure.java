package dev.sitrep.commands.port;

/**
 * A page that was not sent, or was refused, for good. Its message names the service, the pager and
 * the pager's own reason (PagerDuty's {@code message} and {@code errors[]}), never a routing key.
 */
public class PagingFailure extends PlatformFailure {

    private final String service;

    public PagingFailure(String service, String message, Throwable cause) {
        super(message, cause);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
