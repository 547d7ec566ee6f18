package io.liaison.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.liaison.association.Association;
import io.liaison.association.AssociationRequest;
import io.liaison.association.AssociationService;
import io.liaison.association.Cardinality;
import io.liaison.association.RelationRequest;
import io.liaison.association.RelationService;
import io.liaison.config.LiaisonConfig;
import io.liaison.config.SecretFiles;
import io.liaison.contact.ContactRequest;
import io.liaison.contact.ContactService;
import io.liaison.error.ApiException;
import io.liaison.location.LiaisonSettings;
import io.liaison.location.LocationRequest;
import io.liaison.location.LocationService;
import io.liaison.neo4j.DatabaseReadiness;
import io.liaison.object.ObjectRequests;
import io.liaison.object.ObjectSchemaService;
import io.liaison.object.RecordService;
import io.liaison.neo4j.Timestamps;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.util.ArrayList;
import java.io.Console;
import java.nio.file.Path;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Loads the "Demo" location in one step: start with LIAISON_DEMO=true (or -Dliaison.demo=true).
 * Everything is written through the services, so the demo obeys the same rules as the API. The
 * location is remembered in a setting, every write is idempotent (contacts are upserted by email,
 * labels found by key, an existing link is a duplicate that is skipped), and a second setting marks
 * a finished load: loading again, or after an interrupted load, neither duplicates nor fails.
 */
@Singleton
public class DemoLoader {

    /** After the first-run bootstrap, which observes the same event at the default priority. */
    public static final int LOAD_DEMO = Interceptor.Priority.APPLICATION + 600;
    static final String LOCATION_SETTING = "demo.location";
    static final String LOADED_SETTING = "demo.loaded";
    /** Bump when DemoCompany changes, so an existing demo location is topped up with the new data. */
    static final String VERSION = "2";

    private static final Logger LOG = Logger.getLogger(DemoLoader.class);

    private final boolean enabled;
    private final LocationService locations;
    private final LiaisonSettings settings;
    private final ContactService contacts;
    private final AssociationService associations;
    private final RelationService relations;
    private final ObjectSchemaService objects;
    private final RecordService records;
    private final LiaisonConfig config;
    private final int httpPort;

    public DemoLoader(LiaisonConfig config, LocationService locations, LiaisonSettings settings, ContactService contacts,
            AssociationService associations, RelationService relations, ObjectSchemaService objects, RecordService records,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int httpPort) {
        this.enabled = config.demo();
        this.locations = locations;
        this.settings = settings;
        this.contacts = contacts;
        this.associations = associations;
        this.relations = relations;
        this.objects = objects;
        this.records = records;
        this.config = config;
        this.httpPort = httpPort;
    }

    /** What a load did: the demo location, a new key for it, and whether this run wrote the data. */
    public record Loaded(String locationId, String apiKey, boolean loadedNow, String ceoId) {
    }

    /** Once the schema is in place: at start-up when embedded, possibly later with an external server. */
    void onSchemaApplied(@Observes @Priority(LOAD_DEMO) DatabaseReadiness.SchemaApplied event) {
        if (!enabled) {
            return;
        }
        Loaded loaded;
        try {
            loaded = load();
        } catch (RuntimeException e) {
            // The demo is a convenience: a failure to load it must not stop the service.
            LOG.warnf(e, "The demo location was not loaded (%s); it is completed at the next start with the flag", e.getMessage());
            return;
        }
        String base = config.publicUrl().orElse("http://localhost:" + httpPort);
        // The key is a secret: it goes to a file only this user can read and, when a person is at the
        // terminal, to the terminal itself; never to the log.
        Path keyFile = SecretFiles.write(config.dataDir(), SecretFiles.DEMO_LOCATION_KEY, loaded.apiKey());
        LOG.infof("""


                  Demo location "%s" %s
                    Location id  %s
                    API key      in %s   (a new key each start with the demo flag; only its hash is kept)
                    Console      %s/   (sign in with that key)
                    Try          curl -H "Authorization: Bearer $(cat %s)" '%s/graph/records/%s/neighborhood?depth=2'
                    In Browser   MATCH p = (:Record {locationId: '%s'})-[l]->(:Record) WHERE l.associationId IS NOT NULL RETURN p
                """, DemoCompany.COMPANY, loaded.loadedNow() ? "loaded" : "already loaded; left as it is", loaded.locationId(),
                keyFile, base, keyFile, base, loaded.ceoId(), loaded.locationId());
        Console terminal = System.console();
        if (terminal != null) {
            terminal.writer().println("\n  The demo location's API key, shown once on this terminal only: " + loaded.apiKey() + "\n");
            terminal.flush();
        }
    }

    /** Finds or creates the Demo location, fills it unless a finished load is recorded, and makes a key for it. */
    public Loaded load() {
        String locationId = settings.get(LOCATION_SETTING).orElseGet(() -> {
            String created = locations.create(new LocationRequest("Demo", null, null, null, null, null, null, null, null, null,
                    "Europe/Lisbon")).id();
            // Two instances starting together: the first to store the setting wins, and both fill that one.
            return settings.setIfAbsent(LOCATION_SETTING, created);
        });
        String marker = LOADED_SETTING + "." + locationId + ".v" + VERSION;
        boolean loadedNow = settings.get(marker).isEmpty();
        if (loadedNow) {
            fill(locationId);
            settings.setIfAbsent(marker, Timestamps.now().toString());
        }
        return new Loaded(locationId, locations.createKey(locationId), loadedNow, ceoId(locationId));
    }

    /** Writes the demo company into the location; every step finds what is already there first. */
    void fill(String locationId) {
        List<String> ids = new ArrayList<>();
        for (DemoCompany.Person person : DemoCompany.PEOPLE) {
            ids.add(contacts.upsert(locationId, contact(locationId, person)).contact().id());
        }
        List<String> boardIds = surfboards(locationId);
        Map<String, String> labelIds = new HashMap<>();
        for (DemoCompany.Label label : DemoCompany.LABELS) {
            labelIds.put(label.key(), findLabel(locationId, label.key()).orElseGet(() -> associations.create(locationId,
                    new AssociationRequest(locationId, label.key(), label.firstObjectKey(), label.firstLabel(), label.secondObjectKey(),
                            label.secondLabel(), Cardinality.valueOf(label.cardinality()), null, null)).id()));
        }
        for (DemoCompany.Link link : DemoCompany.LINKS) {
            link(locationId, labelIds.get(link.labelKey()), ids.get(link.first()), ids.get(link.second()));
        }
        for (int i = 0; i < DemoCompany.BOARDS.size(); i++) {
            link(locationId, labelIds.get("owner_board"), ids.get(DemoCompany.BOARDS.get(i).owner()), boardIds.get(i));
        }
    }

    /** An existing link is a duplicate, which is what a second load expects. */
    private void link(String locationId, String associationId, String firstId, String secondId) {
        try {
            relations.create(locationId, new RelationRequest(locationId, associationId, firstId, secondId));
        } catch (ApiException e) {
            if (!"DUPLICATE_RELATION".equals(e.code())) {
                throw e;
            }
        }
    }

    /** The surfboards object and its records, found by key and by name before anything is created. */
    private List<String> surfboards(String locationId) {
        try {
            objects.get(locationId, DemoCompany.SURFBOARDS);
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            objects.create(locationId, new ObjectRequests.CreateObject(new ObjectRequests.LabelsBody("Surfboard", "Surfboards"),
                    DemoCompany.SURFBOARDS, "Boards the company's people and customers own", locationId,
                    new ObjectRequests.DisplayProperty(DemoCompany.SURFBOARDS + ".name", "Board name", "TEXT"),
                    List.of(ObjectRequests.FieldBody.basic("length_cm", "Length (cm)", "NUMERICAL"))));
        }
        Map<String, String> existing = new HashMap<>();
        records.search(locationId, DemoCompany.SURFBOARDS, new ObjectRequests.SearchRecords(locationId, 1, 100, null, null))
                .records().forEach(r -> existing.put(String.valueOf(r.properties().get("name")), r.id()));
        List<String> ids = new ArrayList<>();
        for (DemoCompany.Board board : DemoCompany.BOARDS) {
            ids.add(existing.computeIfAbsent(board.name(), name -> records.create(locationId, DemoCompany.SURFBOARDS,
                    new ObjectRequests.RecordBody(locationId, Map.of("name", JsonNodeFactory.instance.textNode(name),
                            "length_cm", JsonNodeFactory.instance.numberNode(board.lengthCm())), null, null)).id()));
        }
        return ids;
    }

    /** The CEO's record id, for the example request printed at start-up. */
    private String ceoId(String locationId) {
        var page = contacts.list(locationId, DemoCompany.PEOPLE.get(0).email(), null, null, 1);
        return page.contacts().isEmpty() ? "<recordId>" : page.contacts().get(0).id();
    }

    private Optional<String> findLabel(String locationId, String key) {
        try {
            return Optional.of(associations.getByKey(locationId, key)).map(Association::id);
        } catch (ApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static ContactRequest contact(String locationId, DemoCompany.Person person) {
        return ContactRequest.builder().locationId(locationId).firstName(person.firstName()).lastName(person.lastName())
                .email(person.email()).companyName(person.companyName()).source("liaison demo").tags(List.of("demo")).build();
    }
}
