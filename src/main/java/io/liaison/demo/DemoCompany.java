package io.liaison.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo data: Northshore Surf Co., a small company of 41 people and 9 customers, and ten of
 * their surfboards. Fixed and ordered, so every load writes exactly the same graph.
 */
final class DemoCompany {

    record Person(String firstName, String lastName, String companyName) {
        String email() {
            return (firstName + "." + lastName).toLowerCase(java.util.Locale.ROOT).replace("'", "") + "@demo.liaison.example";
        }
    }

    /** A link between two people, by their index in {@link #PEOPLE}. */
    record Link(String labelKey, int first, int second) {
    }

    record Label(String key, String firstObjectKey, String firstLabel, String secondObjectKey, String secondLabel, String cardinality) {
    }

    /** A surfboard, owned by the person at {@code owner} in {@link #PEOPLE}. */
    record Board(String name, int lengthCm, int owner) {
    }

    static final String COMPANY = "Northshore Surf Co.";
    static final String CONTACT = "contact";
    static final String SURFBOARDS = "custom_objects.surfboards";

    static final List<Label> LABELS = List.of(
            // Each employee has one manager; a manager has many employees.
            new Label("manager_employee", CONTACT, "Manager", CONTACT, "Employee", "ONE_TO_MANY"),
            new Label("colleague", CONTACT, "Colleague", CONTACT, null, "MANY_TO_MANY"),
            new Label("spouse", CONTACT, "Spouse", CONTACT, null, "ONE_TO_ONE"),
            new Label("buyer_seller", CONTACT, "Buyer", CONTACT, "Seller", "MANY_TO_MANY"),
            // A board has one owner; a person may own several.
            new Label("owner_board", CONTACT, "Owner", SURFBOARDS, "Board", "ONE_TO_MANY"));

    static final List<Board> BOARDS = List.of(
            new Board("Blue Lightning", 275, 0), new Board("Old Faithful", 290, 0),
            new Board("Shortcut", 180, 1), new Board("Green Room", 213, 5),
            new Board("Sea Biscuit", 240, 19), new Board("Twin Peaks", 175, 6),
            new Board("Longboard Larry", 290, 41), new Board("Fish Taco", 165, 43),
            new Board("Nose Rider", 280, 46), new Board("Little Wave", 150, 35));

    /** 0 is the CEO; 1-4 lead Sales, Engineering, Marketing and Support; each leads 9 people; 41-49 are customers. */
    static final List<Person> PEOPLE;
    static final List<Link> LINKS;

    private static final String[][] STAFF = {
            { "Olivia", "Hart" },
            { "Marcus", "Reed" }, { "Priya", "Natarajan" }, { "Lena", "Vogel" }, { "Samuel", "Okafor" },
            { "Ava", "Brooks" }, { "Noah", "Kim" }, { "Mia", "Lopez" }, { "Ethan", "Wright" }, { "Zoe", "Turner" },
            { "Liam", "Foster" }, { "Chloe", "Bennett" }, { "Jack", "Morris" }, { "Ella", "Price" },
            { "Ravi", "Shah" }, { "Hannah", "Cole" }, { "Tom", "Becker" }, { "Yuki", "Tanaka" }, { "Omar", "Haddad" },
            { "Grace", "Liu" }, { "Felix", "Wagner" }, { "Isla", "Murphy" }, { "Leo", "Santos" },
            { "Nora", "Lindqvist" }, { "Max", "Keller" }, { "Sofia", "Rossi" }, { "Ben", "Carter" }, { "Ruby", "Evans" },
            { "Hugo", "Martin" }, { "Lily", "Walsh" }, { "Adam", "Novak" }, { "Iris", "Moreau" },
            { "Kai", "Nakamura" }, { "Emma", "Fischer" }, { "Luca", "Bianchi" }, { "Maya", "Patel" }, { "Owen", "Hughes" },
            { "Alice", "Dubois" }, { "Finn", "O'Brien" }, { "Sara", "Lind" }, { "Theo", "Jansen" } };
    private static final String[][] CUSTOMERS = {
            { "Carlos", "Mendes", "Ericeira Surf Camp" }, { "Julia", "Schmidt", "Baltic Boardriders" },
            { "Kenji", "Watanabe", "Chiba Wave Shop" }, { "Amara", "Diallo", "Dakar Surf Club" },
            { "Peter", "Novak", "Alpine Lakes Outfitters" }, { "Laura", "Costa", "Peniche Surf House" },
            { "Daniel", "Byrne", "Bundoran Surf Co" }, { "Fatima", "Zahra", "Taghazout Waves" },
            { "Oscar", "Nilsen", "Lofoten Surf" } };

    static {
        List<Person> people = new ArrayList<>();
        for (String[] s : STAFF) {
            people.add(new Person(s[0], s[1], COMPANY));
        }
        for (String[] c : CUSTOMERS) {
            people.add(new Person(c[0], c[1], c[2]));
        }
        PEOPLE = List.copyOf(people);

        List<Link> links = new ArrayList<>();
        for (int lead = 1; lead <= 4; lead++) {
            links.add(new Link("manager_employee", 0, lead));
            int first = teamStart(lead);
            for (int member = first; member < first + 9; member++) {
                links.add(new Link("manager_employee", lead, member));
                if (member + 1 < first + 9) {
                    links.add(new Link("colleague", member, member + 1));
                }
            }
            if (lead < 4) {
                links.add(new Link("colleague", lead, lead + 1));
            }
        }
        // Colleagues across teams, so that paths and suggestions have more than one way through.
        links.add(new Link("colleague", 5, 14));
        links.add(new Link("colleague", 14, 23));
        links.add(new Link("colleague", 23, 32));
        links.add(new Link("colleague", 9, 27));
        links.add(new Link("colleague", 18, 36));
        // Couples: two inside the company, one with a customer.
        links.add(new Link("spouse", 6, 19));
        links.add(new Link("spouse", 12, 30));
        links.add(new Link("spouse", 35, 46));
        // Customers buy from the sales team (5-13), some from two sellers.
        for (int customer = 41; customer < 50; customer++) {
            int seller = 5 + (customer - 41);
            links.add(new Link("buyer_seller", customer, seller));
            if (customer % 3 == 0) {
                links.add(new Link("buyer_seller", customer, 1));
            }
        }
        LINKS = List.copyOf(links);
    }

    private DemoCompany() {
    }

    /** The first member of a lead's team: Sales 5-13, Engineering 14-22, Marketing 23-31, Support 32-40. */
    private static int teamStart(int lead) {
        return 5 + (lead - 1) * 9;
    }
}
