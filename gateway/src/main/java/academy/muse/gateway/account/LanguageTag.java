package academy.muse.gateway.account;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A BCP 47 language tag for the web app's language and number formats, e.g. {@code en}, {@code ko-KR}, {@code ar-AE}. */
@Documented
@Pattern(regexp = "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}", message = "must be a language tag such as en or ko-KR")
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface LanguageTag {

    String message() default "must be a language tag";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
