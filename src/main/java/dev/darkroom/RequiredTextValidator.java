package dev.darkroom;

import dev.darkroom.run.EventBounds;
import dev.darkroom.run.RequiredText;
import dev.darkroom.run.Storable;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;

/** Checks {@link RequiredText}: present, within its bound, storable by the rule of {@link StorableText}. */
@Singleton
public class RequiredTextValidator implements ConstraintValidator<RequiredText, CharSequence> {

    @Override
    public boolean isValid(@Nullable CharSequence value, @NonNull AnnotationValue<RequiredText> annotation,
                           @NonNull ConstraintValidatorContext context) {
        if (value == null || value.toString().isBlank()) {
            context.messageTemplate(EventBounds.REQUIRED);
            return false;
        }
        int max = annotation.intValue("max").orElse(Integer.MAX_VALUE);
        if (value.length() > max) {
            context.messageTemplate("must be at most " + max + " characters");
            return false;
        }
        if (!StorableText.isStorable(value.toString())) {
            context.messageTemplate(Storable.RULE);
            return false;
        }
        return true;
    }
}
