package dev.darkroom.api;

import dev.darkroom.StorableText;
import dev.darkroom.callback.CallbackDestinations;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a create request whose limits come from configuration ({@link ApiProperties}), or that look at the
 * case as a whole. Each names the field it is about, with a message that states the limit in force.
 */
@Factory
class CaseRequestRules {

    private static final Pattern ID = Pattern.compile(CaseRequest.ID);

    /** Which text of an item, and so which limit. */
    enum Text { NAME, DESCRIPTION }

    /** Text a database stores as given ({@link StorableText}), of at most the configured length; a name not blank. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
    @Constraint(validatedBy = {})
    @interface ItemText {
        Text value();

        String message() default "must be storable text within the configured length";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Evidence and locations together: at least one, at most {@code darkroom.api.max-items}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @Constraint(validatedBy = {})
    @interface ItemCount {
        String message() default "evidence and locations together need at least 1 item";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** No id twice in one case, across evidence and locations: each later use is named. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @Constraint(validatedBy = {})
    @interface DistinctIds {
        String message() default "an id is used twice in this case";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A callback URL Darkroom may post to ({@link CallbackDestinations}). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
    @Constraint(validatedBy = {})
    @interface CallbackUrl {
        String message() default "is not a callback URL Darkroom may post to";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    @Singleton
    ConstraintValidator<CallbackUrl, String> callbackUrl(CallbackDestinations destinations) {
        return (url, annotation, context) -> {
            if (url == null) {
                return true;
            }
            return destinations.refusal(url).map(reason -> refuse(context, reason)).orElse(true);
        };
    }

    @Singleton
    ConstraintValidator<ItemText, String> itemText(ApiProperties limits) {
        return (text, annotation, context) -> {
            if (text == null) {
                return true;
            }
            if (!StorableText.isStorable(text)) {
                return refuse(context, StorableText.RULE);
            }
            int length = text.codePointCount(0, text.length()); // an emoji is one character, not two UTF-16 units
            return switch (annotation.enumValue(Text.class).orElseThrow()) {
                case NAME -> !text.isBlank() && length <= limits.maxNameLength()
                        || refuse(context, "must be 1-" + limits.maxNameLength() + " characters");
                case DESCRIPTION -> length <= limits.maxDescriptionLength()
                        || refuse(context, "must be at most " + limits.maxDescriptionLength() + " characters");
            };
        };
    }

    @Singleton
    ConstraintValidator<ItemCount, CaseRequest> itemCount(ApiProperties limits) {
        return (request, annotation, context) -> {
            int count = request.itemCount();
            if (count == 0) {
                return refuse(context, "evidence", "evidence and locations together need at least 1 item");
            }
            return count <= limits.maxItems() || refuse(context, "evidence", "evidence and locations together allow "
                    + "at most " + limits.maxItems() + " items; got " + count);
        };
    }

    @Singleton
    ConstraintValidator<DistinctIds, CaseRequest> distinctIds() {
        return (request, annotation, context) -> {
            Set<String> seen = new HashSet<>();
            return distinct(request.evidence(), "evidence", seen, context)
                    & distinct(request.locations(), "locations", seen, context);
        };
    }

    private static boolean distinct(@Nullable List<CaseRequest.Item> items, String list, Set<String> seen,
                                    ConstraintValidatorContext context) {
        boolean valid = true;
        for (int i = 0; items != null && i < items.size(); i++) {
            String id = items.get(i) == null ? null : items.get(i).id();
            // An id that breaks the id rule is named for that, and is no id to compare.
            if (id != null && ID.matcher(id).matches() && !seen.add(id)) {
                valid = false;
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("id " + id + " is used twice in this case")
                        .addPropertyNode(list)
                        .addPropertyNode("id").inIterable().atIndex(i)
                        .addConstraintViolation();
            }
        }
        return valid;
    }

    private static boolean refuse(ConstraintValidatorContext context, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
        return false;
    }

    private static boolean refuse(ConstraintValidatorContext context, String field, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(message).addPropertyNode(field).addConstraintViolation();
        return false;
    }
}
