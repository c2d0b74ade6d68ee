package academy.muse.rooms.room;

import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Room codes such as {@code k7m-2qd-x9a-4hb}: 12 symbols of Crockford's base32 (5 bits each, 60 bits from
 * {@link SecureRandom}), lower case, in groups of three so that they can be read aloud and typed from a
 * phone call. The alphabet has no I, L, O or U, so a code read as "one" or "zero" can only mean 1 or 0.
 */
@ApplicationScoped
public class RoomCodes {

    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final int GROUPS = 4;
    private static final int GROUP_LENGTH = 3;

    /** What a code looks like in a URL before normalising: lenient about case and look-alike letters. */
    public static final String LENIENT_PATTERN = "[0-9A-Za-z]{3}-[0-9A-Za-z]{3}-[0-9A-Za-z]{3}-[0-9A-Za-z]{3}";

    private static final Pattern CANONICAL = Pattern.compile(
            "[" + ALPHABET + "]{3}(-[" + ALPHABET + "]{3}){3}");

    private final SecureRandom random = new SecureRandom();

    public String next() {
        StringBuilder code = new StringBuilder(GROUPS * (GROUP_LENGTH + 1));
        for (int group = 0; group < GROUPS; group++) {
            if (group > 0) {
                code.append('-');
            }
            for (int i = 0; i < GROUP_LENGTH; i++) {
                code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return code.toString();
    }

    /**
     * The canonical form of a code as someone typed it: lower case, with the letters people confuse with
     * digits read as those digits (Crockford's decoding rules). Empty when it cannot be a room code.
     */
    public static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String code = typed.trim().toLowerCase(Locale.ROOT)
                .replace('o', '0').replace('i', '1').replace('l', '1');
        return CANONICAL.matcher(code).matches() ? Optional.of(code) : Optional.empty();
    }
}
