package io.liaison.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liaison.contact.ContactPhonesRepository.Conversion;
import io.liaison.contact.ContactPhonesRepository.StoredPhone;
import io.liaison.neo4j.EmbeddedNeo4j;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.SchemaMigrations;
import io.liaison.phone.PhoneNumbers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Values;

/** Migration 0010: contact phones stored as typed before E.164 are stored in E.164, so duplicates are found again. */
class ContactPhonesInE164Test {

    private static final PhoneNumbers US = new PhoneNumbers("US");

    @Nested
    class WhichNumbersAreConverted {

        @Test
        void aNumberTypedWithoutItsCountryCodeIsReadInTheDefaultRegion() {
            assertEquals(List.of(new Conversion("c1", "L", "+18888888888", "18888888888")),
                    ContactPhonesInE164.conversions(List.of(new StoredPhone("c1", "L", "(888) 888-8888")), US));
            assertEquals(List.of(new Conversion("c1", "L", "+442079460000", "442079460000")),
                    ContactPhonesInE164.conversions(List.of(new StoredPhone("c1", "L", "020 7946 0000")), new PhoneNumbers("GB")));
        }

        @Test
        void aNumberTypedWithItsCountryCodeGetsItsE164Form() {
            assertEquals(List.of(new Conversion("c1", "L", "+18888888888", "18888888888")),
                    ContactPhonesInE164.conversions(List.of(new StoredPhone("c1", "L", "+1 (888) 888-8888")), US));
        }

        @Test
        void aNumberThatIsNotValidStaysAsTyped() {
            assertEquals(List.of(), ContactPhonesInE164.conversions(List.of(new StoredPhone("c1", "L", "+1 555 0100"),
                    new StoredPhone("c2", "L", "12"), new StoredPhone("c3", "L", "888-8888 ext. 12")), US));
        }

        @Test
        void ofTwoContactsOfALocationWithOneNumberOnlyTheFirstIsConverted() {
            assertEquals(List.of(new Conversion("c1", "L", "+18888888888", "18888888888"),
                            new Conversion("c3", "M", "+18888888888", "18888888888")),
                    ContactPhonesInE164.conversions(List.of(new StoredPhone("c1", "L", "(888) 888-8888"),
                            new StoredPhone("c2", "L", "888.888.8888"), new StoredPhone("c3", "M", "888 888 8888")), US));
        }
    }

    @Nested
    class OnAStore {

        @TempDir
        Path home;

        @Test
        void oldNumbersAreStoredInE164AndFoundByTheDigitsAWriteLooksFor() throws IOException {
            int port;
            try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(home, port, "32m");
                    Driver driver = org.neo4j.driver.GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none())) {
                GraphDatabase db = GraphDatabase.inProcess(driver, "neo4j", port);
                // The store as the release before E.164 left it: the Cypher chain, contacts with phones as typed.
                new SchemaMigrations(db).migrate();
                for (var contact : List.of(
                        Map.of("id", "a1", "locationId", "L", "phone", "(888) 888-8888", "phoneDigits", "8888888888",
                                "displayName", "(888) 888-8888", "searchText", "(888) 888-8888 8888888888"),
                        Map.of("id", "a2", "locationId", "L", "phone", "+18887776666", "phoneDigits", "18887776666",
                                "displayName", "Ada", "searchText", "ada +18887776666 18887776666"),
                        Map.of("id", "a3", "locationId", "L", "phone", "887-776-666", "phoneDigits", "887776666",
                                "displayName", "Bob", "searchText", "bob 887-776-666 887776666"),
                        Map.of("id", "a4", "locationId", "L", "phone", "(888) 777-6666", "phoneDigits", "8887776666",
                                "displayName", "Cy", "searchText", "cy (888) 777-6666 8887776666"))) {
                    db.write(tx -> tx.run("CREATE (c:Record:Contact) SET c = $p", Values.parameters("p", contact)).consume());
                }

                new SchemaMigrations(db, List.of(new ContactPhonesInE164(db, new ContactPhonesRepository(), US))).migrate();
                new SchemaMigrations(db, List.of(new ContactPhonesInE164(db, new ContactPhonesRepository(), US))).migrate();

                Map<String, List<Object>> after = db.read(tx -> tx.run("""
                        MATCH (c:Contact) RETURN c.id AS id, [c.phone, c.phoneDigits, c.displayName] AS values""")
                        .list().stream().collect(java.util.stream.Collectors.toMap(r -> r.get("id").asString(),
                                r -> r.get("values").asList())));
                assertEquals(List.of("+18888888888", "18888888888", "+18888888888"), after.get("a1"), "converted, its display name too");
                assertEquals(List.of("+18887776666", "18887776666", "Ada"), after.get("a2"), "already E.164");
                assertEquals(List.of("887-776-666", "887776666", "Bob"), after.get("a3"), "not a valid number: as typed");
                assertEquals(List.of("(888) 777-6666", "8887776666", "Cy"), after.get("a4"), "a2 has the number: as typed");
                // What create, upsert, bulk and CSV rows look for: the E.164 digits of "(888) 888-8888" as written today.
                assertEquals(List.of("a1"), db.read(tx -> tx.run("""
                        MATCH (c:Contact {locationId: 'L', phoneDigits: $digits}) RETURN c.id AS id""",
                        Values.parameters("digits", PhoneNumbers.digits(US.normalize("(888) 888-8888")))).list(r -> r.get("id").asString())));
                String searchText = db.read(tx -> tx.run("MATCH (c:Contact {id: 'a1'}) RETURN c.searchText AS s").single().get("s").asString());
                assertEquals("(888) 888-8888 8888888888 +18888888888 18888888888", searchText, "found by the typed and the new form");
                assertEquals(Long.valueOf(1), db.<Long>read(tx -> tx.run("""
                        MATCH (m:__Neo4jMigration {version: '0010'}) RETURN count(m) AS n""").single().get("n").asLong()));
            }
        }
    }
}
