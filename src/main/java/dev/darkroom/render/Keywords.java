package dev.darkroom.render;

import java.util.regex.Pattern;

/** The words in a title or description that steer what is drawn, in one place so a synonym is easy to add. */
final class Keywords {

    // Keyword groups match at the start of a word so plurals and derived forms still hit
    // ("keys", "photograph") without matching inside unrelated words ("whiskey", "string").
    static final Pattern GUN = words("gun", "pistol", "revolver", "firearm", "derringer", "handgun");
    static final Pattern BLADE = words("knife", "knives", "opener", "dagger", "blade", "razor",
            "stiletto", "scalpel", "sword", "cleaver");
    static final Pattern KEY = words("key");
    static final Pattern BOTTLE = words("bottle", "vial", "poison", "glass", "flask", "phial",
            "decanter", "tincture", "arsenic", "cyanide", "laudanum", "potion");
    static final Pattern POISON = words("poison", "arsenic", "cyanide", "toxic", "strychnine",
            "belladonna");
    static final Pattern WARM_METAL = words("brass", "gold", "golden", "bronze", "copper", "gilt");
    static final Pattern COOL_METAL = words("silver", "iron", "steel", "nickel", "rusty", "rusted",
            "pewter", "platinum", "chrome");
    static final Pattern BRIGHT_FINISH = words("nickel", "silver", "chrome", "plated");
    static final Pattern VIAL = words("vial", "phial", "ampoule", "tube");
    static final Pattern NECKLACE = words("necklace", "pendant", "locket", "chain", "brooch", "amulet");
    static final Pattern RING = words("ring", "jewel", "gem", "diamond", "signet", "emerald", "ruby",
            "sapphire");
    static final Pattern PHOTO = words("photo", "polaroid", "snapshot", "portrait");
    static final Pattern BOOK = words("book", "notebook", "ledger", "journal", "tome", "bible",
            "almanac");
    static final Pattern PAPER = words("letter", "note", "paper", "diary", "page", "map", "telegram",
            "receipt", "document", "deed", "contract", "memo", "envelope", "newspaper", "scroll", "ticket",
            "chart", "will\\b", "invitation");
    static final Pattern MAP = words("map", "chart", "plan\\b", "plans\\b");
    static final Pattern TORN = words("torn", "ripped", "scrap", "fragment", "burnt", "burned",
            "charred", "half\\b");
    static final Pattern BLOOD = words("blood", "stain", "bloodied", "bloody", "gore");
    static final Pattern RULED = words("diary", "page", "notebook", "journal");

    static final Pattern INTERIOR = words("library", "study", "room\\b", "rooms\\b", "hall\\b",
            "hallway", "interior", "ballroom", "bedroom", "parlour", "parlor", "salon", "office", "chamber",
            "cellar", "attic", "kitchen", "gallery", "conservatory", "drawing.room", "dining", "corridor",
            "inside", "vault");
    static final Pattern SHELVES = words("library", "study", "archive", "office", "book");
    static final Pattern WATER = words("harbour", "harbor", "dock", "pier", "sea\\b", "seas\\b",
            "seaside", "lake", "river", "quay", "wharf", "shore", "beach", "port\\b", "marina", "canal",
            "bay\\b", "jetty", "ocean", "coast", "boathouse", "pond");
    static final Pattern JETTY = words("harbour", "harbor", "dock", "pier", "quay", "wharf", "port\\b",
            "marina", "jetty", "boathouse");
    static final Pattern TREES = words("garden", "park", "forest", "woods\\b", "woodland", "orchard",
            "grove", "copse", "maze", "arboretum", "cemetery", "graveyard", "churchyard");
    static final Pattern CONIFERS = words("forest", "woods\\b", "woodland", "pine", "fir\\b");
    static final Pattern STREET = words("street", "alley", "town", "city", "lane", "road", "square",
            "market", "village", "avenue", "district", "station", "slum", "quarter", "boulevard");
    static final Pattern HOUSE = words("manor", "mansion", "house", "castle", "estate", "cottage",
            "villa", "abbey", "lodge", "tower", "chateau", "keep\\b", "grange", "rectory", "vicarage", "church",
            "chapel");
    static final Pattern CASTLE = words("castle", "keep\\b", "fortress", "tower");
    static final Pattern NIGHT = words("night", "midnight", "dark", "moon", "gloom", "pitch",
            "nocturn", "late\\b");
    static final Pattern DARK = words("dark", "midnight", "pitch", "gloom", "black");
    static final Pattern DAWN = words("dawn", "morning", "sunrise", "daybreak", "first light");
    static final Pattern FOG = words("fog", "mist", "haze", "foggy", "misty", "murk", "smog");
    static final Pattern RAIN = words("rain", "storm", "drizzle", "downpour", "shower", "wet\\b",
            "thunder", "tempest");
    static final Pattern STORM = words("storm", "thunder", "lightning", "tempest", "gale");

    private Keywords() {
    }

    private static Pattern words(String... stems) {
        return Pattern.compile("\\b(?:" + String.join("|", stems) + ")", Pattern.CASE_INSENSITIVE);
    }
}
