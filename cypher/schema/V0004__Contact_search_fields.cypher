// Contacts: HighLevel's lowercased names (firstNameLowerCase, lastNameLowerCase, fullNameLowerCase), which the
// advanced search filters and sorts on, for contacts written before Liaison kept them. Later writes keep them.
MATCH (c:Contact)
WHERE c.firstNameLowerCase IS NULL AND c.lastNameLowerCase IS NULL AND c.fullNameLowerCase IS NULL
SET c.firstNameLowerCase = toLower(c.firstName),
    c.lastNameLowerCase = toLower(c.lastName),
    c.fullNameLowerCase = toLower(c.name);
