package io.liaison.neo4j;

import io.liaison.error.Errors;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * One page of a newest-first search, as HighLevel's search bodies ask for it: page and pageLimit,
 * or a searchAfter cursor {@code [createdMillis, id]} taken from the last result of the previous
 * page. The cursor stays correct while records are added, because new records sort before it.
 */
public record SearchWindow(ZonedDateTime beforeDate, String beforeId, int skip, int size) {

    public static final int DEFAULT_PAGE = 20;
    public static final int MAX_PAGE = 100;
    /** HighLevel's advanced contact search takes pages of up to 500 (its documented pageLimit maximum). */
    public static final int MAX_CONTACT_SEARCH_PAGE = 500;
    /** Deep offsets are expensive and unstable; past this, clients page with searchAfter. */
    public static final int MAX_OFFSET = 10_000;

    /** {@code cursorShape} names the cursor's parts in the error, e.g. "[dateAddedMillis, id]". */
    public static SearchWindow of(Integer page, Integer pageLimit, List<Object> searchAfter, String cursorShape) {
        return of(page, pageLimit, searchAfter, cursorShape, MAX_PAGE);
    }

    /** As above, with pages of at most {@code maxPage}. */
    public static SearchWindow of(Integer page, Integer pageLimit, List<Object> searchAfter, String cursorShape, int maxPage) {
        int size = pageSize(pageLimit, "pageLimit", maxPage);
        if (searchAfter != null && !searchAfter.isEmpty()) {
            if (searchAfter.size() != 2 || !(searchAfter.get(0) instanceof Number millis) || !(searchAfter.get(1) instanceof String id)) {
                throw Errors.ValidationFailed.of("searchAfter", "must be the searchAfter value of a previous result: " + cursorShape);
            }
            return new SearchWindow(ZonedDateTime.ofInstant(Instant.ofEpochMilli(millis.longValue()), ZoneOffset.UTC), id, 0, size);
        }
        int skip = 0;
        if (page != null) {
            if (page < 1) {
                throw Errors.ValidationFailed.of("page", "must be 1 or more");
            }
            long offset = (long) (page - 1) * size;
            if (offset > MAX_OFFSET) {
                throw Errors.ValidationFailed.of("page", "reaches past " + MAX_OFFSET + " results; page with searchAfter instead");
            }
            skip = (int) offset;
        }
        return new SearchWindow(null, null, skip, size);
    }

    public static int pageSize(Integer requested, String field) {
        return pageSize(requested, field, MAX_PAGE);
    }

    private static int pageSize(Integer requested, String field, int maxPage) {
        if (requested == null) {
            return DEFAULT_PAGE;
        }
        if (requested < 1 || requested > maxPage) {
            throw Errors.ValidationFailed.of(field, "must be between 1 and " + maxPage);
        }
        return requested;
    }
}
