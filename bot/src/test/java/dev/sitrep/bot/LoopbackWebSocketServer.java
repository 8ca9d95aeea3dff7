package dev.sitrep.bot;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.server.WebSocketServer;

/**
 * A fake's WebSocket server on 127.0.0.1, on a port it binds itself (port 0) and keeps: a port picked
 * free and bound later could be taken meanwhile (see {@link LoopbackPorts}). {@link #start()} returns
 * once the socket is bound, so {@link #getPort()} is the real port from then on.
 */
public abstract class LoopbackWebSocketServer extends WebSocketServer {

    private final CountDownLatch bound = new CountDownLatch(1);
    private volatile Exception bindFailure;

    protected LoopbackWebSocketServer() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
    }

    @Override
    public void start() {
        super.start(); // binds on its own thread, then calls onStart()
        try {
            if (!bound.await(20, TimeUnit.SECONDS) || bindFailure != null) {
                throw new IllegalStateException("WebSocket stand-in did not bind 127.0.0.1:0", bindFailure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the WebSocket stand-in was binding", e);
        }
    }

    @Override
    public final void onStart() {
        bound.countDown();
    }

    /** Errors of the server itself (no connection) end a start that is waiting; others go to {@link #onConnectionError}. */
    @Override
    public final void onError(WebSocket conn, Exception ex) {
        if (conn == null && bound.getCount() > 0) {
            bindFailure = ex;
            bound.countDown();
            return;
        }
        onConnectionError(conn, ex);
    }

    /** An error on a connection, or of the server once started (nothing by default). */
    protected void onConnectionError(WebSocket conn, Exception ex) {
    }
}
