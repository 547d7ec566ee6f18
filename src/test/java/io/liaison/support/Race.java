package io.liaison.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Fires many real HTTP requests at once (released together by a latch) and collects their status codes. */
public final class Race {
    private Race() {
    }

    public static List<Integer> run(List<Callable<Integer>> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(requests.size(), 32));
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> request : requests) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get(120, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    public static long count(List<Integer> statuses, int status) {
        return statuses.stream().filter(s -> s == status).count();
    }
}
