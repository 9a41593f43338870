package dev.darkroom.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text scrape, read into samples: {@code name{label="value",...}} to its value. */
public final class Scrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+).*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Map<String, Double> samples = new LinkedHashMap<>();
    private final Set<String> names = new TreeSet<>();

    public Scrape(String text) {
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            names.add(sample.group(1));
            samples.put(key(sample.group(1), labels), Double.parseDouble(sample.group(4)));
        }
    }

    /**
     * The value of the sample of that name whose labels include {@code labels} (given as name, value, ...), summed
     * over the samples that match; 0 when none does.
     */
    public double value(String name, String... labels) {
        double sum = 0;
        for (Map.Entry<String, Double> sample : samples.entrySet()) {
            if (matches(sample.getKey(), name, labels)) {
                sum += sample.getValue();
            }
        }
        return sum;
    }

    /** Whether any sample of that name, with those labels among its own, is in the scrape. */
    public boolean has(String name, String... labels) {
        return samples.keySet().stream().anyMatch(key -> matches(key, name, labels));
    }

    /** Every metric name in the scrape, histograms' _bucket, _count and _sum included. */
    public Set<String> names() {
        return names;
    }

    private static boolean matches(String key, String name, String... labels) {
        if (!key.startsWith(name + "{")) {
            return false;
        }
        for (int i = 0; i < labels.length; i += 2) {
            if (!key.contains("|" + labels[i] + "=" + labels[i + 1] + "|")) {
                return false;
            }
        }
        return true;
    }

    private static String key(String name, Map<String, String> labels) {
        StringBuilder key = new StringBuilder(name).append("{|");
        labels.forEach((label, value) -> key.append(label).append('=').append(value).append('|'));
        return key.append('}').toString();
    }
}
