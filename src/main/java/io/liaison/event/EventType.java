package io.liaison.event;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The events Liaison emits, named as HighLevel names its webhooks (the constant's name is the wire
 * name, and the payload carries it as {@code type}).
 */
public enum EventType {
    AssociationCreate, AssociationUpdate, AssociationDelete,
    RelationCreate, RelationDelete,
    ContactCreate, ContactUpdate, ContactDelete,
    ObjectSchemaCreate, ObjectSchemaUpdate,
    RecordCreate, RecordUpdate, RecordDelete;

    public static final List<String> NAMES = Arrays.stream(values()).map(Enum::name).toList();

    public static Optional<EventType> named(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }
}
