package academy.muse.gateway.account;

import academy.muse.contracts.validation.PlainText;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A name people see on the dashboard and in the room: 1 to 80 characters, something visible, plain text. */
@Documented
@Size(max = DisplayName.MAX_LENGTH, message = "must be at most " + DisplayName.MAX_LENGTH + " characters")
@Pattern(regexp = "(?s).*\\S.*", message = "must contain visible characters")
@PlainText
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface DisplayName {

    int MAX_LENGTH = 80;

    String message() default "must be a display name";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
