package io.liaison.object;

/**
 * An object records can belong to: the standard {@code contact}, or a custom object such as
 * {@code custom_objects.surfboards}. {@code graphLabel} is the Neo4j label its record nodes carry
 * beside {@code :Record} (for example {@code :Contact} or {@code :Surfboard}).
 */
public record ObjectType(String key, String graphLabel, String singular, String plural, boolean standard) {

    public static final String CONTACT_KEY = "contact";
    public static final ObjectType CONTACT = new ObjectType(CONTACT_KEY, "Contact", "Contact", "Contacts", true);
    /** HighLevel's standard company object, served by /businesses/. */
    public static final String BUSINESS_KEY = "business";
    public static final ObjectType BUSINESS = new ObjectType(BUSINESS_KEY, "Business", "Business", "Businesses", true);
    /** The objects every location has, whatever custom objects it defines. */
    public static final java.util.List<ObjectType> STANDARD = java.util.List.of(CONTACT, BUSINESS);

    public static java.util.Optional<ObjectType> standard(String key) {
        return STANDARD.stream().filter(o -> o.key().equals(key)).findFirst();
    }
}
