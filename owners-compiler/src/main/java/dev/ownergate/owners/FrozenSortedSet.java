package dev.ownergate.owners;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An immutable sorted set over a sorted array, with a cached hash. Resolution hands the same owner sets to
 * every file of a folder; freezing them once (and not again) keeps that cheap for 500k files, and lets equal
 * sets be found by hash without walking trees.
 */
public final class FrozenSortedSet<T extends Comparable<? super T>> extends AbstractSet<T> implements SortedSet<T> {

    private static final FrozenSortedSet<?> EMPTY = new FrozenSortedSet<>(new Comparable<?>[0]);

    private final Object[] items;
    private final int hash;

    private FrozenSortedSet(Object[] sortedDistinct) {
        this.items = sortedDistinct;
        int h = 0;
        for (Object item : sortedDistinct) {
            h += item.hashCode();
        }
        this.hash = h;
    }

    /** The set itself when it is already frozen; otherwise a frozen copy in natural order. */
    @SuppressWarnings("unchecked")
    public static <T extends Comparable<? super T>> FrozenSortedSet<T> of(java.util.Collection<? extends T> items) {
        if (items instanceof FrozenSortedSet<?> frozen) {
            return (FrozenSortedSet<T>) frozen;
        }
        if (items.isEmpty()) {
            return (FrozenSortedSet<T>) EMPTY;
        }
        Object[] array = (items instanceof SortedSet<?> sorted && sorted.comparator() == null)
                ? items.toArray()
                : new TreeSet<T>(items).toArray();
        return new FrozenSortedSet<>(array);
    }

    @Override
    public int size() {
        return items.length;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean contains(Object o) {
        if (o == null || items.length == 0 || !items[0].getClass().isInstance(o)) {
            return false;
        }
        return Arrays.binarySearch(items, o) >= 0;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < items.length;
            }

            @Override
            @SuppressWarnings("unchecked")
            public T next() {
                if (next >= items.length) {
                    throw new NoSuchElementException();
                }
                return (T) items[next++];
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (o instanceof FrozenSortedSet<?> other) {
            return hash == other.hash && Arrays.equals(items, other.items);
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public Comparator<? super T> comparator() {
        return null;
    }

    @Override
    public SortedSet<T> subSet(T fromElement, T toElement) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(this).subSet(fromElement, toElement));
    }

    @Override
    public SortedSet<T> headSet(T toElement) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(this).headSet(toElement));
    }

    @Override
    public SortedSet<T> tailSet(T fromElement) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(this).tailSet(fromElement));
    }

    @Override
    @SuppressWarnings("unchecked")
    public T first() {
        if (items.length == 0) {
            throw new NoSuchElementException();
        }
        return (T) items[0];
    }

    @Override
    @SuppressWarnings("unchecked")
    public T last() {
        if (items.length == 0) {
            throw new NoSuchElementException();
        }
        return (T) items[items.length - 1];
    }
}
