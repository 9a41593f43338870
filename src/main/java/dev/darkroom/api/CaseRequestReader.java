package dev.darkroom.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.darkroom.StorableText;
import dev.darkroom.run.ImageKind;
import dev.darkroom.problem.Problem.FieldError;
import dev.darkroom.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a create request from its raw bytes and checks every rule at once, so a caller learns about all bad fields
 * in one answer, each named by its path ({@code evidence[2].name}). Unknown fields are ignored.
 */
@Singleton
public class CaseRequestReader {

    /** Not only dots: {@code .} and {@code ..} would turn an image URL into a path step in any browser. */
    public static final Pattern ID = Pattern.compile("(?!\\.+$)[A-Za-z0-9._-]{1,64}");
    static final String ID_RULE = "must be 1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-', and not only dots";

    /** Finds the end of the first JSON value, so that anything after it can be refused. */
    private static final JsonFactory TOKENS = new JsonFactory();

    private final JsonMapper json;
    private final ApiProperties limits;

    public CaseRequestReader(JsonMapper json, ApiProperties limits) {
        this.json = json;
        this.limits = limits;
    }

    public CaseRequest read(String caseId, @Nullable byte[] body) {
        if (body == null || body.length == 0) {
            throw invalidBody("is required: a JSON object");
        }
        if (body.length > limits.maxBodyBytes()) {
            throw new ProblemException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too-large",
                    "the body is " + body.length + " bytes; the limit is " + limits.maxBodyBytes());
        }
        List<FieldError> errors = new ArrayList<>();
        if (!ID.matcher(caseId).matches()) {
            errors.add(new FieldError("caseId", ID_RULE));
        }
        JsonNode root = parse(body);
        List<CaseRequest.Item> items = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        items(root, "evidence", ImageKind.EVIDENCE, items, ids, errors);
        items(root, "locations", ImageKind.LOCATION, items, ids, errors);
        int count = count(root, "evidence") + count(root, "locations");
        // The count means nothing until both lists are lists.
        boolean listsWellFormed = errors.stream().noneMatch(e -> e.field().equals("evidence")
                || e.field().equals("locations"));
        if (listsWellFormed && count == 0) {
            errors.add(new FieldError("evidence", "evidence and locations together need at least 1 item"));
        } else if (listsWellFormed && count > limits.maxItems()) {
            errors.add(new FieldError("evidence", "evidence and locations together allow at most "
                    + limits.maxItems() + " items; got " + count));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new CaseRequest(caseId, items);
    }

    private JsonNode parse(byte[] body) {
        JsonNode root;
        boolean oneValue;
        try {
            oneValue = isOneJsonValue(body);
            root = json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw invalidBody("is not valid JSON");
        }
        if (!oneValue) {
            throw invalidBody("is not valid JSON: content follows the JSON object");
        }
        if (root == null || !root.isObject()) {
            throw invalidBody("must be a JSON object");
        }
        return root;
    }

    private static ProblemException invalidBody(String message) {
        return ProblemException.invalid(List.of(new FieldError("body", message)));
    }

    /** Whether the body holds one JSON value and nothing but whitespace after it; malformed JSON throws. */
    private static boolean isOneJsonValue(byte[] body) throws IOException {
        try (JsonParser parser = TOKENS.createParser(body)) {
            if (parser.nextToken() == null) {
                return true; // blank: refused below as not an object
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        }
    }

    private static int count(JsonNode root, String field) {
        JsonNode list = root.get(field);
        return list != null && list.isArray() ? list.size() : 0;
    }

    private void items(JsonNode root, String field, ImageKind kind, List<CaseRequest.Item> out,
                       Set<String> ids, List<FieldError> errors) {
        JsonNode list = root.get(field);
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            errors.add(new FieldError(field, "must be an array"));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String path = field + "[" + i + "]";
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                errors.add(new FieldError(path, "must be an object"));
                continue;
            }
            String id = text(node, "id", path, true, errors);
            if (id != null && !ID.matcher(id).matches()) {
                errors.add(new FieldError(path + ".id", ID_RULE));
            } else if (id != null && !ids.add(id)) {
                errors.add(new FieldError(path + ".id", "id " + id + " is used twice in this case"));
            }
            String name = text(node, "name", path, true, errors);
            if (name != null && !StorableText.isStorable(name)) {
                errors.add(new FieldError(path + ".name", StorableText.RULE));
            } else if (name != null && (name.isBlank() || length(name) > limits.maxNameLength())) {
                errors.add(new FieldError(path + ".name", "must be 1-" + limits.maxNameLength() + " characters"));
            }
            String description = text(node, "description", path, false, errors);
            if (description != null && !StorableText.isStorable(description)) {
                errors.add(new FieldError(path + ".description", StorableText.RULE));
            } else if (description != null && length(description) > limits.maxDescriptionLength()) {
                errors.add(new FieldError(path + ".description", "must be at most "
                        + limits.maxDescriptionLength() + " characters"));
            }
            out.add(new CaseRequest.Item(id, kind, name, description == null ? "" : description));
        }
    }

    /** Characters as a person counts them: an emoji is one, not the two UTF-16 units Java stores it in. */
    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    private static String text(JsonNode node, String field, String path, boolean required, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError(path + "." + field, "is required"));
            }
            return null;
        }
        if (!value.isString()) {
            errors.add(new FieldError(path + "." + field, "must be a string"));
            return null;
        }
        return value.getStringValue();
    }
}
