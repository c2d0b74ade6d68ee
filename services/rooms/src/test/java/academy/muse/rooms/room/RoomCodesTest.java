package academy.muse.rooms.room;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RoomCodesTest {

    private final RoomCodes codes = new RoomCodes();

    @Test
    void aCodeIsTwelveUnambiguousSymbolsInGroupsOfThree() {
        for (int i = 0; i < 1000; i++) {
            String code = codes.next();
            assertThat(code).matches("[0-9a-hjkmnp-tv-z]{3}(-[0-9a-hjkmnp-tv-z]{3}){3}");
            assertThat(RoomCodes.normalise(code)).contains(code);
        }
    }

    @Test
    void codesDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(codes.next());
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void aCodeReadAloudAndTypedInCapitalsOrWithLookAlikesStillFindsTheRoom() {
        assertThat(RoomCodes.normalise("K7M-2QD-X9A-4HB")).contains("k7m-2qd-x9a-4hb");
        assertThat(RoomCodes.normalise("k7m-2qd-x9a-4hO")).contains("k7m-2qd-x9a-4h0");
        assertThat(RoomCodes.normalise(" k7m-2qd-x9a-4hl ")).contains("k7m-2qd-x9a-4h1");
    }

    @Test
    void somethingThatCannotBeACodeIsNoCode() {
        assertThat(RoomCodes.normalise("k7m-2qd-x9a")).isEmpty();
        assertThat(RoomCodes.normalise("k7m-2qd-x9a-4hu")).isEmpty();
        assertThat(RoomCodes.normalise("../../etc/passwd")).isEmpty();
        assertThat(RoomCodes.normalise(null)).isEmpty();
    }
}
