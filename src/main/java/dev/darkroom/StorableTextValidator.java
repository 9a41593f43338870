package dev.darkroom;

import dev.darkroom.run.Storable;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;

/** Checks {@link Storable} with the rule of {@link StorableText}, so that the two cannot drift apart. */
@Singleton
public class StorableTextValidator implements ConstraintValidator<Storable, CharSequence> {

    @Override
    public boolean isValid(@Nullable CharSequence value, @NonNull AnnotationValue<Storable> annotation,
                           @NonNull ConstraintValidatorContext context) {
        return value == null || StorableText.isStorable(value.toString());
    }
}
