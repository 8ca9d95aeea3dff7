package dev.sitrep.redis;

import dev.sitrep.commands.port.StoreUnavailable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Puts a port implemented on Redis behind the domain's own word for "Redis did not answer": the
 * engine, which knows nothing of Spring, can then tell the user to run the command again instead
 * of logging an unexpected error. Only outages are translated (refused connection, timeout,
 * failover); anything else — a script error, a bug — stays what it is.
 */
public final class StoreFailures {

    private StoreFailures() {
    }

    /**
     * Once shutdown has stopped the connection factory (at once when Redis stopped answering), every
     * call fails with Spring's IllegalStateException "LettuceConnectionFactory has been STOPPED": for
     * a command still draining that is the same outage, not a bug.
     */
    private static boolean stoppedConnectionFactory(Throwable cause) {
        return cause instanceof IllegalStateException && cause.getMessage() != null
                && cause.getMessage().contains("ConnectionFactory") && cause.getMessage().contains("STOP");
    }

    public static <T> T translated(Class<T> port, T redisAdapter) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                return method.invoke(redisAdapter, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
                        || stoppedConnectionFactory(cause)) {
                    throw new StoreUnavailable("Redis is not answering (" + cause.getClass().getSimpleName() + ")", cause);
                }
                throw cause;
            }
        };
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
    }
}
