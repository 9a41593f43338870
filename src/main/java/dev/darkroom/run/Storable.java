package dev.darkroom.run;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text every database Darkroom runs on stores as given: no control character other than tab, line feed and
 * carriage return, no unpaired surrogate. Null passes. The rule is checked by a validator bean beside the rule
 * itself, so the contract carries the constraint and not the code.
 */
@Documented
@Constraint(validatedBy = {})
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
public @interface Storable {

    String RULE = "must not contain control characters other than tab, line feed and carriage return, nor unpaired "
            + "surrogates";

    String message() default RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
