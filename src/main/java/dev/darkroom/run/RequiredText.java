package dev.darkroom.run;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An id or name a signed request must carry: present and not blank, at most {@code max} UTF-16 units (the bound of
 * the column it reaches, see {@link EventBounds}) and {@link Storable}. One violation a field, the first rule it
 * breaks, with the same words as the single rules: {@value EventBounds#REQUIRED}, "must be at most N characters",
 * or the storable rule.
 */
@Documented
@Constraint(validatedBy = {})
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
public @interface RequiredText {

    int max();

    String message() default EventBounds.REQUIRED;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
