package academy.muse.mediastore.s3;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The staged-part arithmetic, without S3: sizes, cuts and reads over parts as the bucket lists them. */
class StagedPartsTest {

    private static final String KEY = "tracks/ABC-123/u1.webm";

    /** Parts of 100, 50 and 30 bytes at offsets 0, 100 and 150, listed out of order. */
    private static StagedParts threeParts() {
        Map<String, Long> listed = new LinkedHashMap<>();
        listed.put(StagedParts.partKey(KEY, 150), 30L);
        listed.put(StagedParts.partKey(KEY, 0), 100L);
        listed.put(StagedParts.partKey(KEY, 100), 50L);
        return StagedParts.of(KEY, listed);
    }

    @Test
    void partKeysSortByOffsetAndNameTheirObject() {
        String early = StagedParts.partKey(KEY, 9);
        String late = StagedParts.partKey(KEY, 10);

        assertThat(early).startsWith(StagedParts.folderOf(KEY)).isLessThan(late);
        assertThat(StagedParts.keyOfPart(late)).isEqualTo(KEY);
        assertThat(StagedParts.isStagingKey(late)).isTrue();
        assertThat(StagedParts.isStagingKey(KEY)).isFalse();
    }

    @Test
    void aLongerKeysPartsLieOutsideTheShorterKeysFolder() {
        assertThat(StagedParts.partKey(KEY + ".old", 0)).doesNotStartWith(StagedParts.folderOf(KEY));
        assertThat(StagedParts.partKey(KEY + ".old", 0)).startsWith(StagedParts.folderPrefixOf("tracks/ABC-123/"));
    }

    @Test
    void theSizeIsThePartsOneAfterTheOther() {
        assertThat(threeParts().size()).isEqualTo(180);
        assertThat(threeParts().all()).extracting(StagedParts.Part::offset).containsExactly(0L, 100L, 150L);
        assertThat(StagedParts.of(KEY, Map.of()).isEmpty()).isTrue();
    }

    @Test
    void anAppendMayStartAnywhereUpToTheEndButNotBeyondIt() {
        StagedParts parts = threeParts();

        parts.checkAppendAt(0);
        parts.checkAppendAt(180);
        assertThatThrownBy(() -> parts.checkAppendAt(181))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at 181")
                .hasMessageContaining("holds 180 bytes");
    }

    @Test
    void cuttingInsideAPartShortensThatPartAndDropsEveryLaterOne() {
        StagedParts parts = threeParts();

        assertThat(parts.straddling(120)).map(StagedParts.Part::offset).contains(100L);
        assertThat(parts.startingAtOrBeyond(120)).extracting(StagedParts.Part::offset).containsExactly(150L);
    }

    @Test
    void cuttingAtAPartBoundaryShortensNothing() {
        StagedParts parts = threeParts();

        assertThat(parts.straddling(100)).isEmpty();
        assertThat(parts.startingAtOrBeyond(100)).extracting(StagedParts.Part::offset).containsExactly(100L, 150L);
        assertThat(parts.straddling(180)).isEmpty();
        assertThat(parts.startingAtOrBeyond(180)).isEmpty();
        assertThat(parts.startingAtOrBeyond(0)).hasSize(3);
    }

    @Test
    void aReadOpensThePartHoldingItsFirstByteAtTheRightPlaceAndEveryLaterPartFromItsStart() {
        assertThat(threeParts().readFrom(120))
                .extracting(slice -> slice.part().offset() + "+" + slice.from())
                .containsExactly("100+20", "150+0");
        assertThat(threeParts().readFrom(0))
                .extracting(slice -> slice.part().offset() + "+" + slice.from())
                .containsExactly("0+0", "100+0", "150+0");
    }
}
