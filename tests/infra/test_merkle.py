"""The log's Merkle tree against RFC 9162's definitions, computed naively: roots, inclusion and consistency
proofs built from stored perfect nodes verify (and fail when altered) for every size up to 70."""

from __future__ import annotations

import hashlib

import pytest

from infra.ipps_verify import EMPTY_ROOT, leaf_hash, node_hash, verify_consistency, verify_inclusion
from infra.merkle import Node, complete_nodes, consistency_ranges, inclusion_ranges, nodes_for, subtree

LEAVES = [leaf_hash(hashlib.sha256(str(n).encode()).digest()) for n in range(70)]


def mth(leaves: list[bytes]) -> bytes:
    if not leaves:
        return EMPTY_ROOT
    if len(leaves) == 1:
        return leaves[0]
    k = 1 << ((len(leaves) - 1).bit_length() - 1)
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


def stored_nodes(n: int) -> dict[Node, bytes]:
    """The nodes as a store keeps them: leaves at level 0, the rest completed in two goes (as two checkpoints)."""
    nodes: dict[Node, bytes] = {(0, i): leaf for i, leaf in enumerate(LEAVES[:n])}
    half = n // 2
    nodes.update(complete_nodes(LEAVES[:half], 0, nodes.__getitem__))
    nodes.update(complete_nodes(LEAVES[half:n], half, nodes.__getitem__))
    return nodes


@pytest.mark.parametrize("n", range(1, 71))
def test_roots_and_inclusion_proofs_from_stored_nodes_are_rfc_9162s(n: int) -> None:
    nodes = stored_nodes(n)
    root = subtree(0, n, nodes)
    assert root == mth(LEAVES[:n])
    for m in range(n):
        ranges = inclusion_ranges(m, n)
        assert nodes_for(ranges) <= set(nodes)
        path = [subtree(a, b, nodes) for a, b in ranges]
        assert verify_inclusion(m, n, LEAVES[m], path, root)
        assert not verify_inclusion(m, n, LEAVES[(m + 1) % 70], path, root)
        if path:
            assert not verify_inclusion(m, n, LEAVES[m], [*path[:-1], LEAVES[69]], root)


@pytest.mark.parametrize("n", range(1, 71))
def test_consistency_proofs_from_stored_nodes_verify_and_catch_a_changed_history(n: int) -> None:
    nodes = stored_nodes(n)
    root = subtree(0, n, nodes)
    for m in range(1, n + 1):
        proof = [subtree(a, b, nodes) for a, b in consistency_ranges(m, n)]
        old_root = mth(LEAVES[:m])
        assert verify_consistency(m, n, old_root, root, proof)
        altered = mth([*LEAVES[: m - 1], LEAVES[69]])  # the older tree's last leaf other than it was
        if m < n or altered != old_root:
            assert not verify_consistency(m, n, altered, root, proof)
    assert verify_consistency(0, n, EMPTY_ROOT, root, [])
