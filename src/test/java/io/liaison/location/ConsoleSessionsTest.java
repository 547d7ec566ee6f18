package io.liaison.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The console's session table as a plain object: ids, CSRF tokens, bounds. */
class ConsoleSessionsTest {

    private final ConsoleSessions sessions = new ConsoleSessions();

    @Nested
    class Ids {
        @Test
        void eachSessionGetsItsOwnUnguessableIdAndCsrfToken() {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 1000; i++) {
                ConsoleSessions.Session session = sessions.open("lk_key", false, "loc");
                assertEquals(43, session.id.length(), "32 random bytes, base64url");
                assertNotEquals(session.id, session.csrfToken());
                assertTrue(seen.add(session.id) && seen.add(session.csrfToken()));
            }
        }

        @Test
        void theIdNeverCarriesTheToken() {
            ConsoleSessions.Session session = sessions.open("lk_secret_key", false, "loc");
            assertTrue(!session.id.contains("lk_secret_key") && !session.csrfToken().contains("lk_secret_key"));
        }
    }

    @Nested
    class Lookup {
        @Test
        void findsAnOpenSessionAndNothingElse() {
            ConsoleSessions.Session session = sessions.open("lk_key", false, "loc");
            assertEquals(session, sessions.find(session.id).orElseThrow());
            assertTrue(sessions.find(null).isEmpty());
            assertTrue(sessions.find("").isEmpty());
            assertTrue(sessions.find("x".repeat(65)).isEmpty(), "an over-long cookie is not looked up");
            assertTrue(sessions.find(session.id + "x").isEmpty());
        }

        @Test
        void aClosedSessionIsGone() {
            ConsoleSessions.Session session = sessions.open("lk_key", false, "loc");
            sessions.close(session);
            assertTrue(sessions.find(session.id).isEmpty());
        }

        @Test
        void anAgencySessionChoosesItsLocationLater() {
            ConsoleSessions.Session session = sessions.open("agency_token", true, null);
            assertEquals(null, session.locationId());
            sessions.chooseLocation(session, "loc-2");
            assertEquals("loc-2", sessions.find(session.id).orElseThrow().locationId());
        }
    }

    @Nested
    class Bounds {
        @Test
        void theTableNeverHoldsMoreThanItsMaximumAndDropsTheLeastRecentlyUsed() throws InterruptedException {
            ConsoleSessions.Session first = sessions.open("lk_first", false, "loc");
            Thread.sleep(5);
            for (int i = 1; i < ConsoleSessions.MAXIMUM; i++) {
                sessions.open("lk_" + i, false, "loc");
            }
            assertEquals(ConsoleSessions.MAXIMUM, sessions.size());
            sessions.open("lk_one_more", false, "loc");
            assertEquals(ConsoleSessions.MAXIMUM, sessions.size());
            assertTrue(sessions.find(first.id).isEmpty(), "the oldest went first");
        }
    }
}
