package dev.journeyboard.protocol.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An element's properties as a {@link Document} keeps them: a Jackson {@code ObjectNode} over one array of names and
 * values instead of a {@code LinkedHashMap} with its entries and table. At many-boards (300 boards, 77,700 elements)
 * the properties took 25.7 MiB of the 212 MiB live heap that way, 7.4 MiB this way: ~100 bytes an element against
 * ~350 (results/perf-20261203-tenth, histogram-main / histogram-props). Every edit of an element stores a new copy
 * (elements are immutable in a document), which lives as long as the element goes unedited. Behaves as Jackson's
 * own node in every way: equal to one with the same properties, written the same, mutable (though a document never
 * mutates what it holds).
 */
final class ElementProps {
    private ElementProps() {}

    /** {@code e}, or the same element with its properties kept compactly. */
    static Element compacted(Element e) {
        return e.props() instanceof Compact ? e : new Element(e.id(), e.type(), e.parent(), e.index(), compact(e.props()));
    }

    static ObjectNode compact(ObjectNode props) {
        var map = new ArrayMap(props.size());
        for (var p : props.properties()) map.append(p.getKey(), p.getValue());
        return new Compact(map);
    }

    /** Only to know a compact node again; everything else is {@code ObjectNode}'s own. */
    private static final class Compact extends ObjectNode {
        private static final long serialVersionUID = 1L;

        Compact(ArrayMap children) {
            super(JsonNodeFactory.instance, children);
        }
    }

    /** Names and values alternating in one array, in insertion order; lookups scan it (a handful of entries). */
    private static final class ArrayMap extends AbstractMap<String, JsonNode> {
        private Object[] kv;
        private int size;

        ArrayMap(int capacity) {
            kv = new Object[2 * capacity];
        }

        void append(String key, JsonNode value) {
            if (2 * size == kv.length) kv = Arrays.copyOf(kv, Math.max(4, 2 * kv.length));
            kv[2 * size] = key;
            kv[2 * size + 1] = value;
            size++;
        }

        private int indexOf(Object key) {
            for (int i = 0; i < size; i++) if (kv[2 * i].equals(key)) return i;
            return -1;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public boolean containsKey(Object key) {
            return indexOf(key) >= 0;
        }

        @Override
        public JsonNode get(Object key) {
            int i = indexOf(key);
            return i < 0 ? null : (JsonNode) kv[2 * i + 1];
        }

        @Override
        public JsonNode put(String key, JsonNode value) {
            int i = indexOf(key);
            if (i < 0) {
                append(key, value);
                return null;
            }
            var old = (JsonNode) kv[2 * i + 1];
            kv[2 * i + 1] = value;
            return old;
        }

        @Override
        public JsonNode remove(Object key) {
            int i = indexOf(key);
            if (i < 0) return null;
            var old = (JsonNode) kv[2 * i + 1];
            removeAt(i);
            return old;
        }

        @Override
        public void clear() {
            Arrays.fill(kv, null);
            size = 0;
        }

        private void removeAt(int i) {
            System.arraycopy(kv, 2 * i + 2, kv, 2 * i, 2 * (size - i - 1));
            size--;
            kv[2 * size] = null;
            kv[2 * size + 1] = null;
        }

        @Override
        public Set<Map.Entry<String, JsonNode>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return size;
                }

                @Override
                public Iterator<Map.Entry<String, JsonNode>> iterator() {
                    return new Iterator<>() {
                        private int next;
                        private int last = -1;

                        @Override
                        public boolean hasNext() {
                            return next < size;
                        }

                        @Override
                        public Map.Entry<String, JsonNode> next() {
                            if (next >= size) throw new NoSuchElementException();
                            last = next++;
                            return new Entry(last);
                        }

                        @Override
                        public void remove() {
                            if (last < 0) throw new IllegalStateException();
                            removeAt(last);
                            next = last;
                            last = -1;
                        }
                    };
                }
            };
        }

        /** A view of entry {@code i}, as long as nothing before it is removed. */
        private final class Entry implements Map.Entry<String, JsonNode> {
            private final int i;

            Entry(int i) {
                this.i = i;
            }

            @Override
            public String getKey() {
                return (String) kv[2 * i];
            }

            @Override
            public JsonNode getValue() {
                return (JsonNode) kv[2 * i + 1];
            }

            @Override
            public JsonNode setValue(JsonNode value) {
                var old = getValue();
                kv[2 * i + 1] = value;
                return old;
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof Map.Entry<?, ?> e && getKey().equals(e.getKey()) && getValue().equals(e.getValue());
            }

            @Override
            public int hashCode() {
                return getKey().hashCode() ^ getValue().hashCode();
            }

            @Override
            public String toString() {
                return getKey() + "=" + getValue();
            }
        }
    }
}
