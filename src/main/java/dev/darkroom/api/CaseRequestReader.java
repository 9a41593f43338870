package dev.darkroom.api;

import dev.darkroom.problem.Problem.FieldError;
import dev.darkroom.problem.ProblemException;
import dev.darkroom.problem.Violations;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a create request from its raw bytes and checks every rule at once, so a caller learns about all bad fields
 * in one answer, each named by its path ({@code evidence[2].name}). Unknown fields are ignored.
 *
 * <p>What only the JSON can tell is checked here: a body that is not one JSON object is refused whole, and a value
 * of the wrong JSON type is named and left out. What is left is bound to {@link CaseRequest} and its constraints
 * are validated; a field already named for its type is not named again.
 */
@Singleton
public class CaseRequestReader {

    /** Finds the end of the first JSON value, so that anything after it can be refused. */
    private static final JsonFactory TOKENS = new JsonFactory();
    private static final List<String> LISTS = List.of("evidence", "locations");
    private static final List<String> TEXTS = List.of("id", "name", "description");

    private final JsonMapper json;
    private final Violations violations;
    private final ApiProperties limits;

    public CaseRequestReader(JsonMapper json, Violations violations, ApiProperties limits) {
        this.json = json;
        this.violations = violations;
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
        JsonNode root = parse(body);
        List<FieldError> errors = new ArrayList<>();
        Map<String, JsonNode> wellTyped = new LinkedHashMap<>();
        // The case comes from the path; whatever the body says about it is not taken.
        wellTyped.put("caseId", JsonNode.createStringNode(caseId));
        for (String list : LISTS) {
            JsonNode items = wellTypedList(root.get(list), list, errors);
            if (items != null) {
                wellTyped.put(list, items);
            }
        }
        JsonNode callback = wellTypedCallback(root.get("callback"), errors);
        if (callback != null) {
            wellTyped.put("callback", callback);
        }
        CaseRequest request;
        try {
            request = json.readValueFromTree(JsonNode.createObjectNode(wellTyped), CaseRequest.class);
        } catch (IOException e) {
            throw new IllegalStateException("a well-typed create request did not bind", e);
        }
        // The count means nothing until both lists are lists.
        boolean listsWellFormed = errors.stream().noneMatch(e -> LISTS.contains(e.field()));
        for (FieldError violation : violations.of("", request)) {
            String field = violation.field();
            boolean namedForItsType = errors.stream().anyMatch(e -> field.equals(e.field())
                    || field.startsWith(e.field() + ".") || field.startsWith(e.field() + "["));
            if (!namedForItsType && (listsWellFormed || !LISTS.contains(field))) {
                errors.add(violation);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return request;
    }

    /** The list with every item that is not an object as null (so that indexes hold) and every text not a string left out. */
    private static @Nullable JsonNode wellTypedList(@Nullable JsonNode list, String field, List<FieldError> errors) {
        if (list == null || list.isNull()) {
            return null;
        }
        if (!list.isArray()) {
            errors.add(new FieldError(field, "must be an array"));
            return null;
        }
        List<JsonNode> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = field + "[" + i + "]";
            JsonNode item = list.get(i);
            if (!item.isObject()) {
                errors.add(new FieldError(path, "must be an object"));
                items.add(JsonNode.nullNode());
                continue;
            }
            Map<String, JsonNode> texts = new LinkedHashMap<>();
            for (String text : TEXTS) {
                JsonNode value = item.get(text);
                if (value != null && value.isString()) {
                    texts.put(text, value);
                } else if (value != null && !value.isNull()) {
                    errors.add(new FieldError(path + "." + text, "must be a string"));
                }
            }
            items.add(JsonNode.createObjectNode(texts));
        }
        return JsonNode.createArrayNode(items);
    }

    /** The callback object with its url if that is a string; anything else named. */
    private static @Nullable JsonNode wellTypedCallback(@Nullable JsonNode callback, List<FieldError> errors) {
        if (callback == null || callback.isNull()) {
            return null;
        }
        if (!callback.isObject()) {
            errors.add(new FieldError("callback", "must be an object"));
            return null;
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        JsonNode url = callback.get("url");
        if (url != null && url.isString()) {
            fields.put("url", url);
        } else if (url != null && !url.isNull()) {
            errors.add(new FieldError("callback.url", "must be a string"));
        }
        return JsonNode.createObjectNode(fields);
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
}
