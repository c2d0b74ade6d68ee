package academy.muse.gateway.account;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.ZoneId;

/**
 * An IANA time zone id such as {@code Asia/Seoul}. Fixed offsets ("+09:00") are refused: lessons keep
 * their wall time across daylight-saving changes only in a real zone. Null is valid (use {@code @NotNull}).
 */
@Documented
@Constraint(validatedBy = IanaZone.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface IanaZone {

    String message() default "must be an IANA time zone such as Asia/Seoul";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<IanaZone, String> {

        @Override
        public boolean isValid(String zone, ConstraintValidatorContext context) {
            return zone == null || ZoneId.getAvailableZoneIds().contains(zone);
        }
    }
}
