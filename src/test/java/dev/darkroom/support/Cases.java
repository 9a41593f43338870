package dev.darkroom.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies for tests: a case of n evidence items and m locations with ids ev-1.. and loc-1... */
public final class Cases {

    private Cases() {
    }

    public static Map<String, Object> body(int evidence, int locations) {
        List<Map<String, Object>> ev = new ArrayList<>();
        for (int i = 1; i <= evidence; i++) {
            ev.add(item("ev-" + i, "Exhibit " + i, "A curious object, exhibit number " + i));
        }
        List<Map<String, Object>> loc = new ArrayList<>();
        for (int i = 1; i <= locations; i++) {
            loc.add(item("loc-" + i, "Place " + i, "A foggy street at night, number " + i));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("evidence", ev);
        body.put("locations", loc);
        return body;
    }

    public static Map<String, Object> item(String id, String name, String description) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.put("name", name);
        item.put("description", description);
        return item;
    }
}
