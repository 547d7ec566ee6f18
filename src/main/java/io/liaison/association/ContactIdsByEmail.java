package io.liaison.association;

import java.util.Collection;
import java.util.Map;

/**
 * How a CSV line that names a contact by email finds its id. Declared here and implemented by
 * contact/ (which uses association/), so that association/ needs no import of contact/.
 */
public interface ContactIdsByEmail {

    /** The ids of the location's contacts with these (lowercase) emails, by email. */
    Map<String, String> idsByEmail(String locationId, Collection<String> emailsLowerCase);
}
