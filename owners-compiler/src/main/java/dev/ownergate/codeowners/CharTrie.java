package dev.ownergate.codeowners;

import java.util.Arrays;

/**
 * A character trie whose nodes hold rule entries; used read-only after construction. Walked forwards over a
 * segment for literal prefixes ({@code test_*}) and backwards for literal suffixes without a dot
 * ({@code *_test}; dotted ones such as {@code *.js} are found by extension instead).
 */
final class CharTrie {
    private char[] keys = new char[0];
    private CharTrie[] children = new CharTrie[0];
    /** The entries of the rules whose key ends at this node (see {@link Bucket}); null when none. */
    int[] decided;
    int[] verify;

    /** The node for {@code key} read forwards (or backwards), created as needed. Construction only. */
    CharTrie insert(String key, boolean backwards) {
        CharTrie node = this;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(backwards ? key.length() - 1 - i : i);
            int at = Arrays.binarySearch(node.keys, c);
            if (at < 0) {
                at = -at - 1;
                node.keys = insertAt(node.keys, at, c);
                CharTrie[] grown = new CharTrie[node.children.length + 1];
                System.arraycopy(node.children, 0, grown, 0, at);
                System.arraycopy(node.children, at, grown, at + 1, node.children.length - at);
                grown[at] = new CharTrie();
                node.children = grown;
            }
            node = node.children[at];
        }
        return node;
    }

    CharTrie child(char c) {
        char[] k = keys;
        if (k.length < 8) {
            for (int i = 0; i < k.length; i++) {
                if (k[i] == c) {
                    return children[i];
                }
            }
            return null;
        }
        int at = Arrays.binarySearch(k, c);
        return at < 0 ? null : children[at];
    }

    private static char[] insertAt(char[] array, int at, char c) {
        char[] grown = new char[array.length + 1];
        System.arraycopy(array, 0, grown, 0, at);
        grown[at] = c;
        System.arraycopy(array, at, grown, at + 1, array.length - at);
        return grown;
    }
}
