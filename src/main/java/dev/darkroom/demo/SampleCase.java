package dev.darkroom.demo;

import java.util.List;
import java.util.Map;

/** The case the demo asks pictures for: ten pieces of evidence and four locations of a country-house mystery. */
final class SampleCase {

    private SampleCase() {
    }

    static Map<String, Object> body() {
        return Map.of(
                "evidence", List.of(
                        item("ev-1", "Letter opener", "A silver letter opener with a dark stain near its tip"),
                        item("ev-2", "Torn letter", "Half of a letter on cream paper, torn across the signature"),
                        item("ev-3", "Brass key", "An old brass key with a paper tag, found in the fireplace"),
                        item("ev-4", "Poison vial", "A small glass vial, nearly empty, smelling of bitter almonds"),
                        item("ev-5", "Revolver", "A service revolver with one chamber fired"),
                        item("ev-6", "Signet ring", "A gold signet ring engraved with a falcon"),
                        item("ev-7", "Diary", "A leather diary whose last page has been cut out"),
                        item("ev-8", "Photograph", "A faded photograph of three people on a pier"),
                        item("ev-9", "Pocket map", "A hand-drawn map of the grounds with a cross by the lake"),
                        item("ev-10", "Wine bottle", "An empty bottle of 1921 claret from the host's cellar")),
                "locations", List.of(
                        item("loc-1", "The library", "A dark wood-panelled library at midnight, rain on the windows"),
                        item("loc-2", "The harbour", "A foggy harbour at dawn, fishing boats at the pier"),
                        item("loc-3", "Ashcombe Manor", "The manor house seen from the drive on a stormy night"),
                        item("loc-4", "Mill Lane", "A narrow town street at night, gas lamps on wet cobbles")));
    }

    static int size() {
        return 14;
    }

    private static Map<String, String> item(String id, String name, String description) {
        return Map.of("id", id, "name", name, "description", description);
    }
}
