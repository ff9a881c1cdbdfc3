"""The log's Merkle tree (RFC 9162 section 2.1) over stored nodes: what a proof needs, read at once.

A tree of n leaves is split at k, the largest power of two below n: its left part is a *perfect* subtree (2^h
leaves starting at a multiple of 2^h), which the store keeps as a node (`level` h, `index` start / 2^h) once
its leaves are all in; only the right edge is computed, from O(log n) such nodes. So a proof reads the nodes
it names (`nodes_for`), in one query, and is built from them (`subtree`), whatever the tree's size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from infra.ipps_verify import EMPTY_ROOT, node_hash

Range = tuple[int, int]  # leaves [start, end)
Node = tuple[int, int]  # (level, index): the perfect subtree of leaves [index * 2^level, (index + 1) * 2^level)


def split(n: int) -> int:
    """The largest power of two below n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def inclusion_ranges(m: int, n: int) -> list[Range]:
    """The subtrees whose roots are the inclusion proof of leaf m in the tree of n leaves (RFC 9162 PATH)."""
    ranges: list[Range] = []
    start = 0
    while n > 1:
        k = split(n)
        if m < k:
            ranges.append((start + k, start + n))
            n = k
        else:
            ranges.append((start, start + k))
            m, start, n = m - k, start + k, n - k
    return ranges[::-1]


def consistency_ranges(m: int, n: int) -> list[Range]:
    """The subtrees whose roots are the consistency proof from m leaves to n (RFC 9162 PROOF), 0 < m <= n."""
    ranges: list[Range] = []
    start, whole = 0, True
    while m != n:
        k = split(n)
        if m <= k:
            ranges.append((start + k, start + n))
            n = k
        else:
            ranges.append((start, start + k))
            m, start, n, whole = m - k, start + k, n - k, False
    if not whole:
        ranges.append((start, start + n))
    return ranges[::-1]


def perfect(start: int, end: int) -> Node | None:
    size = end - start
    if size & (size - 1) == 0 and start % size == 0:
        return size.bit_length() - 1, start // size
    return None


def nodes_for(ranges: Iterable[Range]) -> set[Node]:
    """The perfect subtrees the roots of these ranges are made of."""
    needed: set[Node] = set()
    for start, end in set(ranges):  # a case's proofs name the same right-edge ranges many times
        needed.update(_parts(start, end))
    return needed


def _parts(start: int, end: int) -> Iterator[Node]:
    while (node := perfect(start, end)) is None:
        k = split(end - start)
        yield from _parts(start, start + k)
        start += k
    yield node


def subtree(start: int, end: int, nodes: Mapping[Node, bytes], known: dict[Range, bytes] | None = None) -> bytes:
    """The root of leaves [start, end) from the perfect nodes it is made of; `known` keeps the roots computed,
    for the many proofs of one request that share the right edge."""
    if start == end:
        return EMPTY_ROOT
    node = perfect(start, end)
    if node is not None:
        return nodes[node]
    if known is not None and (start, end) in known:
        return known[start, end]
    k = split(end - start)
    root = node_hash(subtree(start, start + k, nodes, known), subtree(start + k, end, nodes, known))
    if known is not None:
        known[start, end] = root
    return root


def complete_nodes(leaves: Iterable[bytes], first: int, known: Callable[[Node], bytes]) -> Iterator[tuple[Node, bytes]]:
    """The nodes that the leaves from index `first` on complete (levels 1 and up), in order; `known` gives a node
    completed before `first` that a new one is made of."""
    pending: dict[int, bytes] = {}  # per level, the left half of the node being completed
    index = first
    for leaf in leaves:
        level, node_index, h = 0, index, leaf
        while node_index & 1:  # a right child: its parent is complete now
            left = pending.pop(level, None)
            if left is None:
                left = known((level, node_index - 1))
            h = node_hash(left, h)
            level, node_index = level + 1, node_index >> 1
            yield (level, node_index), h
        pending[level] = h
        index += 1
