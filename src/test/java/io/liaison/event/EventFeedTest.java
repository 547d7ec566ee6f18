package io.liaison.event;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.neo4j.GraphDatabase;
import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventFeedTest {

    @Inject
    GraphDatabase db;

    @TestHTTPResource("/events/stream")
    URI streamUri;

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant("Feed");
    }

    private String record(Tenant of, EventType type, String id) {
        return Outbox.record(db, of, type, id, Map.of("firstName", "F"));
    }

    /** What the background sequencer does every second, done now so the test need not wait for it. */
    private void number() {
        try (var dispatcher = Outbox.dispatcher(db, new TestClock(), 5)) {
            dispatcher.numberNewEvents();
        }
    }

    private JsonPath page(Tenant of, String after, Integer limit) {
        var request = of.request();
        if (after != null) {
            request.queryParam("after", after);
        }
        if (limit != null) {
            request.queryParam("limit", limit);
        }
        return request.get("/events").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theFeedPagesThroughEveryEventInOrderAndSeesNoOtherLocation() {
        List<String> recorded = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            recorded.add(record(tenant, i % 3 == 0 ? EventType.ContactCreate : EventType.ContactUpdate, String.format("feedcontact%09d", i)));
        }
        Tenant other = Api.newTenant("Other");
        String othersEvent = record(other, EventType.ContactCreate, "othercontact00000001");
        number();

        List<String> read = new ArrayList<>();
        List<Long> cursors = new ArrayList<>();
        String cursor = null;
        for (int pageNumber = 0; pageNumber < 10; pageNumber++) {
            JsonPath page = page(tenant, cursor, 10);
            List<String> ids = page.getList("events.id");
            if (ids.isEmpty()) {
                assertEquals(cursor, page.getString("nextCursor"), "an empty page keeps the cursor");
                break;
            }
            read.addAll(ids);
            page.getList("events.cursor", String.class).forEach(c -> cursors.add(Long.parseLong(c)));
            cursor = page.getString("nextCursor");
        }
        assertEquals(recorded, read);
        assertEquals(List.of(1L, 2L, 3L), cursors.subList(0, 3), "a location's cursors count its own events only");
        assertEquals(25L, cursors.get(24));

        JsonPath first = page(tenant, null, 1);
        assertEquals("ContactCreate", first.getString("events[0].type"));
        assertEquals("feedcontact000000000", first.getString("events[0].data.id"));
        assertEquals(tenant.locationId(), first.getString("events[0].data.locationId"));
        assertEquals("ContactCreate", first.getString("events[0].data.type"));
        assertNotNull(first.getString("events[0].timestamp"));

        assertEquals(List.of(othersEvent), page(other, null, 100).getList("events.id"));
    }

    @Test
    void theDefaultPageHoldsTwentyEvents() {
        for (int i = 0; i < 21; i++) {
            record(tenant, EventType.RecordCreate, String.format("feedrecord%010d", i));
        }
        number();
        assertEquals(20, page(tenant, null, null).getList("events").size());
        assertEquals(1, page(tenant, "20", null).getList("events").size());
    }

    @Test
    void badCursorsAndLimitsAreRefused() {
        for (String bad : List.of("abc", "-1", "1.5", "9".repeat(30), "01JXXXXXXXXXXXXXXXXXXXXXXX")) {
            tenant.request().queryParam("after", bad).get("/events").then().statusCode(422).body("param", equalTo("after"));
        }
        for (String bad : List.of("0", "101", "many")) {
            tenant.request().queryParam("limit", bad).get("/events").then().statusCode(422).body("param", equalTo("limit"));
        }
        tenant.request().get("/events").then().statusCode(200).body("events", hasSize(0)).body("nextCursor", equalTo("0"));
        io.restassured.RestAssured.given().get("/events").then().statusCode(401);
        tenant.request().header("Last-Event-ID", "nope").get("/events/stream").then().statusCode(422).body("param", equalTo("Last-Event-ID"));
    }

    /**
     * Reads an SSE stream on a thread of its own, one event (its id, name and data) at a time; any other
     * field line of the event (not a comment) is kept in {@code otherFields}.
     */
    private final class Stream implements AutoCloseable {
        record SseEvent(String id, String name, String data, List<String> otherFields) {
        }

        private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
        private final HttpClient client = HttpClient.newHttpClient();
        private final java.util.concurrent.ExecutorService reader = java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "sse-test-reader");
            thread.setDaemon(true);
            return thread;
        });
        private final java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response;

        Stream(Tenant of, String lastEventId) {
            var request = HttpRequest.newBuilder(streamUri).header("Authorization", "Bearer " + of.apiKey())
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
            // The lines are read on a thread of the stream's own: reading blocks until the server sends more.
            response.thenAcceptAsync(r -> {
                String[] current = new String[3];
                List<String> others = new java.util.ArrayList<>();
                r.body().forEach(line -> {
                    if (line.startsWith("id:")) {
                        current[0] = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                        current[1] = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        current[2] = line.substring(5).strip();
                    } else if (line.isEmpty() && current[2] != null) {
                        events.add(new SseEvent(current[0], current[1], current[2], List.copyOf(others)));
                        current[0] = current[1] = current[2] = null;
                        others.clear();
                    } else if (!line.isEmpty() && !line.startsWith(":")) {
                        others.add(line);
                    }
                });
            }, reader);
        }

        int status() throws Exception {
            return response.get(60, TimeUnit.SECONDS).statusCode();
        }

        SseEvent next() throws InterruptedException {
            SseEvent event = events.poll(60, TimeUnit.SECONDS);
            assertNotNull(event, "no event arrived on the stream");
            return event;
        }

        @Override
        public void close() {
            response.cancel(true);
            reader.shutdownNow();
            response.thenAccept(r -> r.body().close());
        }
    }

    @Test
    void theStreamPushesNewEventsAndResumesFromLastEventId() throws Exception {
        String before = record(tenant, EventType.ContactCreate, "streamcontact0000000");
        number();
        String first;
        String second;
        String firstCursor;
        try (Stream stream = new Stream(tenant, null)) {
            assertEquals(200, stream.status());
            first = record(tenant, EventType.ContactUpdate, "streamcontact0000000");
            second = record(tenant, EventType.ContactDelete, "streamcontact0000000");
            number();
            var a = stream.next();
            var b = stream.next();
            assertEquals(List.of(first, second), List.of(JsonPath.from(a.data()).getString("id"), JsonPath.from(b.data()).getString("id")),
                    "a stream opened without a cursor starts after the latest event (" + before + ")");
            assertEquals("ContactUpdate", a.name());
            assertEquals("ContactDelete", b.name());
            assertEquals(List.of(), a.otherFields(), "an event carries its id, name and data, and no other field");
            assertEquals("streamcontact0000000", JsonPath.from(b.data()).getString("data.id"));
            firstCursor = a.id();
            assertEquals(Long.parseLong(firstCursor) + 1, Long.parseLong(b.id()));
        }
        try (Stream resumed = new Stream(tenant, firstCursor)) {
            assertEquals(second, JsonPath.from(resumed.next().data()).getString("id"));
        }
    }

    @Test
    void aStreamCarriesOnlyItsOwnLocationsEvents() throws Exception {
        Tenant other = Api.newTenant("Other");
        try (Stream stream = new Stream(tenant, null)) {
            assertEquals(200, stream.status());
            record(other, EventType.ContactCreate, "streamother000000001");
            number();
            String mine = record(tenant, EventType.ContactCreate, "streammine0000000001");
            number();
            var event = stream.next();
            assertEquals(mine, JsonPath.from(event.data()).getString("id"));
            assertTrue(event.data().contains(tenant.locationId()));
        }
    }
}
