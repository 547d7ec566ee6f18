package io.liaison.event;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real webhook receiver on a free loopback port: it records every request and answers with the
 * statuses queued for it (200 once the queue is empty), or hangs while {@link #hang} is set.
 */
final class Receiver implements AutoCloseable {

    record Received(String id, String timestamp, String signature, String contentType, String body, String host) {
    }

    private final int port;
    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Integer> statuses = new ArrayBlockingQueue<>(100);
    private volatile CountDownLatch hang;
    final CountDownLatch hangingRequestArrived = new CountDownLatch(1);

    private Receiver(int port) {
        this.port = port;
    }

    /** A receiver listening now. */
    static Receiver start() throws IOException {
        Receiver receiver = new Receiver(freePort());
        receiver.up();
        return receiver;
    }

    /** A receiver whose port is reserved but that does not listen yet: deliveries are refused until {@link #up}. */
    static Receiver down() throws IOException {
        return new Receiver(freePort());
    }

    void up() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                var headers = exchange.getRequestHeaders();
                received.add(new Received(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                        headers.getFirst("webhook-signature"), headers.getFirst("Content-Type"), body, headers.getFirst("Host")));
                CountDownLatch holdUntil = hang;
                if (holdUntil != null) {
                    hangingRequestArrived.countDown();
                    holdUntil.await(60, TimeUnit.SECONDS);
                }
                Integer status = statuses.poll();
                exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hooks/liaison";
    }

    void answer(Integer... next) {
        statuses.addAll(List.of(next));
    }

    /** Every request from now on hangs until the returned latch is released. */
    CountDownLatch hang() {
        hang = new CountDownLatch(1);
        return hang;
    }

    void stopHanging() {
        CountDownLatch latch = hang;
        hang = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<String> receivedIds() {
        return received.stream().map(Received::id).toList();
    }

    Map<String, Long> countsById() {
        return received.stream().collect(java.util.stream.Collectors.groupingBy(Received::id, java.util.stream.Collectors.counting()));
    }

    @Override
    public void close() {
        stopHanging();
        if (server != null) {
            server.stop(0);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
