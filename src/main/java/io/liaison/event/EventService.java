package io.liaison.event;

import io.liaison.error.Errors;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.SearchWindow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The pull feed: a location's events in the order they became visible, read on from a cursor. The
 * cursor is the event's number in its location, so it says nothing about other locations' traffic.
 */
@ApplicationScoped
class EventService {

    private static final int MAX_CURSOR_DIGITS = 18;

    private final GraphDatabase db;
    private final EventRepository repository;

    public EventService(GraphDatabase db, EventRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    public record Page(List<FeedEvent> events, String nextCursor) {
    }

    public Page feed(String locationId, String after, Integer limit) {
        long cursor = after == null || after.isBlank() ? 0 : cursor("after", after);
        int size = SearchWindow.pageSize(limit, "limit");
        List<FeedEvent> events = after(locationId, cursor, size);
        String next = events.isEmpty() ? Long.toString(cursor) : events.get(events.size() - 1).cursor();
        return new Page(events, next);
    }

    /** Where a new stream starts: after the given cursor, or else after the location's latest event. */
    public long streamStart(String locationId, String lastEventId, String after) {
        if (lastEventId != null && !lastEventId.isBlank()) {
            return cursor("Last-Event-ID", lastEventId);
        }
        if (after != null && !after.isBlank()) {
            return cursor("after", after);
        }
        return db.read(tx -> repository.lastNumber(tx, locationId));
    }

    public List<FeedEvent> after(String locationId, long cursor, int limit) {
        return db.read(tx -> repository.after(tx, locationId, cursor, limit)).stream().map(FeedEvent::from).toList();
    }

    static long cursor(String field, String value) {
        String trimmed = value.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_CURSOR_DIGITS || !trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw Errors.ValidationFailed.of(field, "must be a cursor from the feed (a whole number, such as the nextCursor of a page)");
        }
        return Long.parseLong(trimmed);
    }
}
