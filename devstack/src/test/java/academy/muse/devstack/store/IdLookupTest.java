package academy.muse.devstack.store;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Which filters the {@code _id} index narrows to a few documents, instead of a scan of all of them. */
class IdLookupTest {

    private final MemoryUniqueIndex idIndex = new MemoryUniqueIndex("_id_", List.of(new IndexKey("_id", true)), false);
    private final MemoryUniqueIndex codeIndex = new MemoryUniqueIndex("code_1", List.of(new IndexKey("code", true)), false);
    private final List<Index<Integer>> indexes = List.of(codeIndex, idIndex);

    IdLookupTest() {
        IntStream.range(0, 1000).forEach(position -> {
            Document document = new Document("_id", "lesson-" + position).append("code", "C" + position)
                    .append("state", "scheduled");
            idIndex.add(document, position, null);
            codeIndex.add(document, position, null);
        });
    }

    @Test
    void anIdBesideOtherConditionsIsLookedUpInTheIdIndex() {
        Document claim = new Document("_id", "lesson-42").append("state", "scheduled")
                .append("leaseUntil", new Document("$lt", 5));

        assertThat(IdLookup.positions(indexes, claim)).hasValueSatisfying(positions -> assertThat(positions).containsExactly(42));
    }

    @Test
    void anInOnIdBesideOtherConditionsYieldsOnlyThoseIds() {
        Document batch = new Document("_id", new Document("$in", List.of("lesson-7", "lesson-900", "missing")))
                .append("state", "scheduled");

        assertThat(IdLookup.positions(indexes, batch)).hasValueSatisfying(positions ->
                assertThat(list(positions)).containsExactlyInAnyOrder(7, 900));
    }

    @Test
    void anIdPinnedByOneMemberOfATopLevelAndIsLookedUpInTheIdIndex() {
        Document claim = new Document("$and", List.of(
                new Document("_id", new Document("$in", List.of("lesson-3", "lesson-4"))),
                new Document("$or", List.of(new Document("leaseUntil", null), new Document("leaseUntil", new Document("$lte", 5))))));

        assertThat(IdLookup.positions(indexes, claim)).hasValueSatisfying(positions ->
                assertThat(list(positions)).containsExactlyInAnyOrder(3, 4));
        assertThat(IdLookup.positions(indexes, new Document("$and", List.of(new Document("state", "scheduled")))))
                .as("an $and that does not pin _id").isEmpty();
    }

    @Test
    void aFilterWithoutIdOrWithARangeOnIdIsLeftToTheScan() {
        assertThat(IdLookup.positions(indexes, new Document("state", "scheduled"))).isEmpty();
        assertThat(IdLookup.positions(indexes, new Document("_id", new Document("$gt", "lesson-5")).append("state", "x")))
                .isEmpty();
    }

    @Test
    void aFilterOnIdAloneIsLeftToTheStoresOwnLookup() {
        assertThat(IdLookup.positions(indexes, new Document("_id", "lesson-1"))).isEmpty();
    }

    private static List<Integer> list(Iterable<Integer> positions) {
        List<Integer> list = new ArrayList<>();
        positions.forEach(list::add);
        return list;
    }
}
