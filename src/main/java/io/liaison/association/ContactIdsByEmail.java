package io.liaison.association;

import java.util.Collection;
import java.util.Map;
import org.neo4j.driver.TransactionContext;

/**
 * How a CSV line that names a contact by email finds its id. Declared here and implemented by
 * contact/ (which uses association/), so that association/ needs no import of contact/.
 */
public interface ContactIdsByEmail {

    /** The ids of the location's contacts with these (lowercase) emails, by email, read in the caller's transaction. */
    Map<String, String> idsByEmail(TransactionContext tx, String locationId, Collection<String> emailsLowerCase);
}
