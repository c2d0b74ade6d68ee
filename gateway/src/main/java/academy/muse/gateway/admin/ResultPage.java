package academy.muse.gateway.admin;

import java.util.List;

/** One page of a longer list: {@code page} counts from 0, {@code total} is the whole list's length. */
public record ResultPage<T>(List<T> items, int page, int size, long total) {
}
