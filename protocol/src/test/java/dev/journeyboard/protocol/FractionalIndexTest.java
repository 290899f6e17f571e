package dev.journeyboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.board.FractionalIndex;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class FractionalIndexTest {

    @Property
    void repeatedInsertsStayOrderedAndValid(@ForAll("positions") List<Integer> positions) {
        List<String> keys = new ArrayList<>();
        for (int p : positions) {
            int at = Math.floorMod(p, keys.size() + 1);
            String key = FractionalIndex.between(at == 0 ? null : keys.get(at - 1), at == keys.size() ? null : keys.get(at));
            assertThat(FractionalIndex.isValid(key)).as(key).isTrue();
            keys.add(at, key);
        }
        assertThat(keys).isSorted().doesNotHaveDuplicates();
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<List<Integer>> positions() {
        return net.jqwik.api.Arbitraries.integers().between(0, 1000).list().ofMaxSize(200);
    }

    @Property(tries = 50)
    void sequenceIsSortedValidAndShort(@ForAll @IntRange(min = 1, max = 20_000) int n) {
        String[] keys = FractionalIndex.sequence(n);
        assertThat(keys).isSorted().doesNotHaveDuplicates().allMatch(FractionalIndex::isValid);
        assertThat(keys).allMatch(k -> k.length() <= 3);
    }
}
