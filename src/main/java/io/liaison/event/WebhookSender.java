package io.liaison.event;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One webhook POST over HTTP/1.1, to the address {@link WebhookTargets#resolve} checked: the socket
 * connects to that {@link java.net.InetAddress} (no second DNS lookup), while the Host header, TLS
 * server name (SNI) and certificate check use the URL's host, as any HTTP client would. Only the
 * status line of the answer is read; redirects are not followed.
 *
 * <p>Failures are reported in words a public HTTP client would use and no finer: whether a connection
 * was refused, found no route or timed out is not told apart, so a subscriber cannot map the network.
 */
final class WebhookSender {

    static final String COULD_NOT_CONNECT = "could not connect";
    private static final int MAX_STATUS_LINE = 8192;

    /** Closes a socket whose exchange outlives its bound: a write to a receiver that does not read has no timeout of its own. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "liaison-webhook-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final SSLSocketFactory tls;

    WebhookSender() {
        this(defaultTls());
    }

    WebhookSender(SSLSocketFactory tls) {
        this.tls = tls;
    }

    private static SSLSocketFactory defaultTls() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A failed attempt, with the words recorded for the subscriber. */
    static final class Failed extends Exception {
        Failed(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Sends and answers the status code. {@code timeout} bounds the connection, and then the whole wait
     * for the status line once more.
     */
    int post(WebhookTargets.Resolved target, Map<String, String> headers, byte[] body, Duration timeout) throws Failed {
        URI uri = target.uri();
        boolean https = "https".equals(uri.getScheme().toLowerCase(Locale.ROOT));
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        int timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        Socket socket = new Socket();
        AtomicBoolean expired = new AtomicBoolean();
        Socket connecting = socket;
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            expired.set(true);
            closeQuietly(connecting);
        }, 2L * timeoutMillis + 1000, TimeUnit.MILLISECONDS);
        try {
            try {
                socket.connect(new InetSocketAddress(target.address(), port), timeoutMillis);
            } catch (IOException e) {
                throw new Failed(COULD_NOT_CONNECT);
            }
            socket.setSoTimeout(timeoutMillis);
            long deadline = System.nanoTime() + Duration.ofMillis(timeoutMillis).toNanos();
            if (https) {
                socket = handshake(socket, bareHost(uri), port);
            }
            OutputStream out = socket.getOutputStream();
            out.write(head(uri, https, headers, body.length).getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return status(socket, deadline);
        } catch (SocketTimeoutException e) {
            throw new Failed("no answer within " + timeoutMillis + " ms");
        } catch (SSLException e) {
            throw new Failed("TLS handshake failed");
        } catch (IOException e) {
            throw new Failed(expired.get() ? "no answer within " + timeoutMillis + " ms" : "the connection closed before an answer");
        } finally {
            watchdog.cancel(false);
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do with it
        }
    }

    private Socket handshake(Socket plain, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) tls.createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.contains(":") && !host.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private static String bareHost(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String head(URI uri, boolean https, Map<String, String> headers, int length) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        boolean defaultPort = uri.getPort() == -1 || uri.getPort() == (https ? 443 : 80);
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(defaultPort ? "" : ":" + uri.getPort()).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("Content-Length: ").append(length).append("\r\nConnection: close\r\n\r\n").toString();
    }

    /** Reads the status line within the deadline; a trickle of bytes does not extend it. */
    private static int status(Socket socket, long deadline) throws IOException, Failed {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException();
            }
            socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
            int c = in.read();
            if (c == -1) {
                throw new IOException("closed");
            }
            if (c == '\n') {
                break;
            }
            if (line.size() >= MAX_STATUS_LINE) {
                throw new Failed("the answer is not HTTP");
            }
            line.write(c);
        }
        String status = line.toString(StandardCharsets.ISO_8859_1).strip();
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-9][0-9]{2}")) {
            throw new Failed("the answer is not HTTP");
        }
        return Integer.parseInt(parts[1]);
    }
}
