package academy.muse.contracts.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Free text people type (a title, a name, a reason): no control characters. A lone CR in a lesson title would end
 * the ICS line it is written on and start a calendar component of the sender's choosing; line and paragraph
 * separators and bidi overrides make text read differently from what it is. Refused: every C0 control (TAB, LF
 * and CR too, unless {@link #multiline()} allows LF), DEL, every C1 control, U+2028, U+2029 and the bidi
 * embedding, override and isolate characters (U+202A–U+202E, U+2066–U+2069). Null is valid (pair with
 * {@code @NotNull} where needed). Answered with 422 {@code invalid-characters} by the shared problem mappers.
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD,
        ElementType.TYPE_USE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

    /** The problem type's slug (422). */
    String PROBLEM = "invalid-characters";

    String message() default "must not contain control, line-separator or bidi-override characters";

    /** Allow LF (a textarea's line breaks); CR and every other control stay refused. */
    boolean multiline() default false;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlainText, CharSequence> {

        /** True when {@code text} holds none of the refused characters (null counts as plain). */
        public static boolean isPlain(CharSequence text, boolean multiline) {
            if (text == null) {
                return true;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (isRefused(c) && !(multiline && c == '\n')) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isRefused(char c) {
            return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029'
                    || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
        }

        private boolean multiline;

        @Override
        public void initialize(PlainText annotation) {
            multiline = annotation.multiline();
        }

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return isPlain(value, multiline);
        }
    }
}
