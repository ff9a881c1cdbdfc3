"""Provable histories: signed checkpoints of the log's Merkle tree, proofs against them, audit bundles, and a
check of the whole store. The hashing is infra/ipps_verify.py's (the standalone verifier's own), the tree
infra/merkle.py's, the chain rows infra/chain.py's.

A checkpoint (size, root, time) is signed with a key that is not in the database; whoever changes a stored
event, a chain row or the tree afterwards cannot make the signed root come out again.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import msgspec

from infra.db import Database, Row
from infra.ipps_verify import (
    BUNDLE_FORMAT,
    EMPTY_ROOT,
    EVENT_TAG,
    NO_PREVIOUS,
    checkpoint_message,
    event_hash,
    leaf_hash,
    node_hash,
    verify_bundle,
    verify_checkpoint,
)
from infra.mapper import fields_of_stored
from infra.merkle import Node, complete_nodes, consistency_ranges, inclusion_ranges, nodes_for, subtree
from infra.signing import Signer
from infra.store import Store


@dataclass(frozen=True)
class Checkpoint:
    size: int
    root: str  # hex
    made_at: str
    public_key: str  # base64
    signature: str  # base64

    def as_json(self) -> dict[str, Any]:
        return {
            "size": self.size,
            "root": self.root,
            "made_at": self.made_at,
            "public_key": self.public_key,
            "signature": self.signature,
        }


def _checkpoint(row: Row) -> Checkpoint:
    return Checkpoint(int(row["size"]), row["root"], row["made_at"], row["public_key"], row["signature"])


def checkpoints(db: Database, limit: int, offset: int) -> list[Checkpoint]:
    """Newest first."""
    rows = db.query(
        "SELECT * FROM checkpoints ORDER BY size DESC LIMIT :limit OFFSET :offset", {"limit": limit, "offset": offset}
    )
    return [_checkpoint(row) for row in rows]


def checkpoint_of(db: Database, size: int | None) -> Checkpoint | None:
    """The checkpoint of `size`, or the latest."""
    if size is None:
        rows = db.query("SELECT * FROM checkpoints ORDER BY size DESC LIMIT 1")
    else:
        rows = db.query("SELECT * FROM checkpoints WHERE size = :size", {"size": size})
    return _checkpoint(rows[0]) if rows else None


def log_size(db: Database) -> int:
    return int(db.query("SELECT COALESCE(MAX(leaf) + 1, 0) AS n FROM event_chain")[0]["n"])


def read_nodes(db: Database, needed: Iterable[Node], partial: bool = False) -> dict[Node, bytes]:
    """The stored nodes named (level 0: the leaves, from the chain rows), in one query per level; LookupError
    when one is not there, unless `partial`."""
    needed = set(needed)
    by_level: dict[int, list[int]] = {}
    for level, index in needed:
        by_level.setdefault(level, []).append(index)
    nodes: dict[Node, bytes] = {}
    for level, indexes in by_level.items():
        for chunk in _chunks(sorted(set(indexes)), 1000):
            listed = ", ".join(str(int(i)) for i in chunk)
            if level == 0:
                rows = db.query(f"SELECT leaf AS idx, hash FROM event_chain WHERE leaf IN ({listed})")
                nodes.update(((0, int(r["idx"])), leaf_hash(bytes.fromhex(r["hash"]))) for r in rows)
            else:
                rows = db.query(f"SELECT idx, hash FROM merkle_nodes WHERE level = {level} AND idx IN ({listed})")
                nodes.update(((level, int(r["idx"])), bytes.fromhex(r["hash"])) for r in rows)
    missing = needed - set(nodes)
    if missing and not partial:
        raise LookupError(f"the tree has no node {sorted(missing)[0]}: the log is shorter than asked")
    return nodes


def make_checkpoint(store: Store, signer: Signer) -> Checkpoint:
    """Sign the log as it is: the tree's new nodes stored, then its root signed. The latest checkpoint when the
    log has not grown since."""
    db = store.db
    latest = checkpoint_of(db, None)
    size = log_size(db)
    if latest is not None and latest.size == size:
        return latest
    if latest is not None and size < latest.size:
        raise LookupError(f"the log holds {size} events, fewer than the {latest.size} last signed: not signing it")
    built = latest.size if latest is not None else 0
    frontier = read_nodes(db, _frontier(built))
    leaves = (leaf_hash(h) for h in _chain_hashes(db, built, size))
    rows = [
        {"level": level, "idx": index, "hash": h.hex()}
        for (level, index), h in complete_nodes(leaves, built, frontier.__getitem__)
    ]
    with db.transaction() as cur:
        for chunk in _chunks(rows, 1000):
            cur.executemany(
                "INSERT INTO merkle_nodes (level, idx, hash) VALUES (:level, :idx, :hash) ON CONFLICT DO NOTHING", chunk
            )
    root = subtree(0, size, read_nodes(db, nodes_for([(0, size)]))) if size else EMPTY_ROOT
    made_at = datetime.now(UTC).isoformat(timespec="seconds")
    signed = Checkpoint(
        size, root.hex(), made_at, signer.public_key, signer.sign(checkpoint_message(size, root, made_at))
    )
    db.execute(
        "INSERT INTO checkpoints (size, root, made_at, public_key, signature) VALUES (:size, :root, :made_at,"
        " :public_key, :signature) ON CONFLICT (size) DO NOTHING",
        signed.as_json(),
    )
    return checkpoint_of(db, size) or signed


def _frontier(size: int) -> set[Node]:
    """The left siblings the leaves after `size` complete nodes with: the perfect subtrees `size` ends with."""
    nodes: set[Node] = set()
    start = 0
    for level in reversed(range(size.bit_length())):
        if size >> level & 1:
            nodes.add((level, start >> level))
            start += 1 << level
    return nodes


def _chain_hashes(db: Database, start: int, end: int) -> Iterator[bytes]:
    """The chain rows' hashes of leaves [start, end), in order."""
    rows = db.stream(
        "SELECT hash FROM event_chain WHERE leaf >= :first AND leaf < :last ORDER BY leaf",
        {"first": start, "last": end},
    )
    return (bytes.fromhex(hashed) for (hashed,) in rows)


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def consistency_proof(db: Database, first: int, second: int) -> list[str]:
    if not 0 < first <= second:
        return []
    ranges = consistency_ranges(first, second)
    nodes = read_nodes(db, nodes_for(ranges))
    return [subtree(a, b, nodes).hex() for a, b in ranges]


def opened_by(store: Store, case_id: UUID) -> tuple[bool, UUID | None]:
    """Whether the case exists, and the institution its opening names (None when that no longer reads)."""
    rows = store.db.query(
        f"SELECT state FROM {store.events_table} WHERE originator_id = :id AND originator_version = 1",
        {"id": store._id_param(case_id)},
    )
    if not rows:
        return False, None
    try:
        return True, UUID(str(fields_of_stored(store.app.mapper, bytes(rows[0]["state"]))["institution_id"]))
    except (msgspec.DecodeError, ValueError, TypeError, KeyError):
        return True, None


# A case's proof --------------------------------------------------------------------------------------------


@dataclass
class CaseProof:
    case_id: UUID
    checkpoint: Checkpoint | None
    events: list[dict[str, Any]] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)

    @property
    def verified(self) -> bool:
        return self.checkpoint is not None and not self.findings


def case_proof(store: Store, case_id: UUID, size: int | None = None) -> CaseProof | None:
    """Each event of the case with its hash and leaf, and for those in the checkpoint (`size`; the latest) an
    inclusion proof; checked here against the stored bytes: `findings` says what no longer matches."""
    db = store.db
    rows = db.query(
        f"SELECT e.{store.position_column} AS position, e.originator_version AS version, e.topic, e.state,"
        f" c.leaf, c.hash FROM {store.events_table} e LEFT JOIN event_chain c ON c.position = e.{store.position_column}"
        " WHERE e.originator_id = :id ORDER BY e.originator_version",
        {"id": store._id_param(case_id)},
    )
    if not rows:
        return None
    checkpoint = checkpoint_of(db, size)
    proof = CaseProof(case_id, checkpoint)
    if checkpoint is None:
        proof.findings.append("no checkpoint has been signed yet")
    chained = db.query(
        "SELECT position, originator_version AS version FROM event_chain WHERE originator_id = :id",
        {"id": str(case_id)},
    )
    stored = {int(r["position"]) for r in rows}
    for gone in sorted((r for r in chained if int(r["position"]) not in stored), key=lambda r: int(r["version"])):
        proof.findings.append(f"v{gone['version']} (position {gone['position']}): recorded, and gone from the store")
    if checkpoint is not None:
        (count,) = db.query("SELECT COUNT(*) AS n FROM event_chain WHERE leaf < :size", {"size": checkpoint.size})
        if int(count["n"]) != checkpoint.size:
            lost = checkpoint.size - int(count["n"])
            proof.findings.append(f"the log has lost {lost} of the {checkpoint.size} events of the signed checkpoint")
    in_tree = [r for r in rows if r["leaf"] is not None and checkpoint is not None and int(r["leaf"]) < checkpoint.size]
    ranges = {int(r["leaf"]): inclusion_ranges(int(r["leaf"]), checkpoint.size) for r in in_tree} if checkpoint else {}
    nodes = read_nodes(db, nodes_for(r for rs in ranges.values() for r in rs), partial=True) if ranges else {}
    edges: dict[tuple[int, int], bytes] = {}
    for row in rows:
        leaf = int(row["leaf"]) if row["leaf"] is not None else None
        inclusion = None
        if leaf in ranges:
            try:
                inclusion = [subtree(a, b, nodes, edges).hex() for a, b in ranges[leaf]]
            except KeyError:
                proof.findings.append(
                    f"v{row['version']} (position {row['position']}): its inclusion proof needs leaves or nodes the"
                    " store no longer holds"
                )
        proof.events.append(
            {
                "originator_id": str(case_id),
                "position": int(row["position"]),
                "version": int(row["version"]),
                "topic": row["topic"],
                "state": base64.b64encode(bytes(row["state"])).decode(),
                "hash": row["hash"],  # as the store holds it: the verifier computes its own
                "leaf": leaf,
                "inclusion": inclusion,
            }
        )
    if checkpoint is not None:  # the events checked as a supervisor's verifier checks them: one set of rules
        as_bundle = {
            "format": BUNDLE_FORMAT,
            "case_id": str(case_id),
            "checkpoint": checkpoint.as_json(),
            "public_key": checkpoint.public_key,
            "events": proof.events,
        }
        proof.findings += verify_bundle(as_bundle)
    return proof


def bundle(store: Store, case_id: UUID, rendered: list[dict[str, Any]]) -> dict[str, Any] | None:
    """What a supervisor takes away: the case's events (stored bytes, hashes, inclusion proofs for those in the
    checkpoint), as the history renders them too, the signed checkpoint, its public key, and what the store found
    wrong when the bundle was made. None: no such case."""
    proof = case_proof(store, case_id)
    if proof is None:
        return None
    if proof.checkpoint is None:
        raise LookupError("no checkpoint has been signed yet: `ipps checkpoints make`")
    by_version = {r.get("version"): r for r in rendered}
    return {
        "format": BUNDLE_FORMAT,
        "case_id": str(case_id),
        "checkpoint": proof.checkpoint.as_json(),
        "public_key": proof.checkpoint.public_key,
        "events": [{**e, "rendered": by_version.get(e["version"])} for e in proof.events],
        "findings_when_made": proof.findings,
    }


# The whole store ---------------------------------------------------------------------------------------------


@dataclass
class StoreReport:
    events: int = 0
    cases: int = 0
    checkpoints: int = 0
    findings: list[str] = field(default_factory=list)


def verify_store(store: Store) -> StoreReport:
    """Re-hash every event (each case's chain in order), match every chain row to its event, rebuild the tree
    and check every signed checkpoint's root and signature — streaming, a batch at a time."""
    report, tree = StoreReport(), StoreReport()
    # The two passes at once: the chains' is the database's work on PostgreSQL, the tree's is this process's.
    with ThreadPoolExecutor(1, thread_name_prefix="ipps-verify") as pool:
        chains = pool.submit(_check_chains, store, report)
        _check_tree(store, tree)
        chains.result()
    report.checkpoints = tree.checkpoints
    report.findings += tree.findings
    return report


# PostgreSQL re-hashes every event itself (its sha256, the frame of infra/ipps_verify.event_hash, chained to the
# hash the store holds for the case's previous event) and hands back only what does not match: the chains are
# checked at the database's speed, not Python's. The window runs over the events' own (case, version) index.
_MISMATCHES = """
WITH ordered AS (
    SELECT e.originator_id, e.originator_version AS version, e.notification_id AS position, e.topic, e.state,
        lag(e.originator_version) OVER w AS previous_version, lag(e.notification_id) OVER w AS previous_position
    FROM {events} e
    WINDOW w AS (PARTITION BY e.originator_id ORDER BY e.originator_version)
), checked AS (
    SELECT o.originator_id, o.version, o.position, c.hash, o.previous_version,
        encode(sha256('\\x{tag}'::bytea || uuid_send(o.originator_id) || int8send(o.version)
            || int4send(octet_length(convert_to(o.topic, 'UTF8'))) || convert_to(o.topic, 'UTF8')
            || int4send(octet_length(o.state)) || o.state
            || coalesce(decode(p.hash, 'hex'), '\\x{no_previous}'::bytea)), 'hex') AS computed
    FROM ordered o
    LEFT JOIN event_chain c ON c.position = o.position
    LEFT JOIN event_chain p ON p.position = o.previous_position
)
SELECT originator_id, version, position, hash, computed, previous_version FROM checked
WHERE hash IS NULL OR hash <> computed OR coalesce(previous_version, 0) <> version - 1
ORDER BY originator_id, version"""


def _check_chains(store: Store, report: StoreReport) -> None:
    if store.dialect == "postgres":
        _check_chains_in_sql(store, report)
        return
    pos = store.position_column
    rows = store.db.stream(
        f"SELECT e.originator_id, e.originator_version, e.topic, e.state, e.{pos}, c.hash FROM {store.events_table} e"
        f" LEFT JOIN event_chain c ON c.position = e.{pos} ORDER BY e.originator_id, e.originator_version"
    )
    case: Any = None
    case_id = UUID(int=0)
    previous, last_version = NO_PREVIOUS, 0
    for originator_id, version, topic, state, position, stored in rows:
        if originator_id != case:
            case, previous, last_version = originator_id, NO_PREVIOUS, 0
            case_id = originator_id if isinstance(originator_id, UUID) else UUID(originator_id)
            report.cases += 1
        computed = event_hash(case_id, version, topic, bytes(state), previous)
        if version != last_version + 1:
            report.findings.append(
                f"case {case_id} v{version} (position {position}): follows v{last_version}: an event is missing"
            )
        if stored is None:
            report.findings.append(f"case {case_id} v{version} (position {position}): has no chain row")
        elif stored != computed.hex():
            report.findings.append(
                f"case {case_id} v{version} (position {position}): its stored bytes, or the chain before it, no"
                " longer give its hash"
            )
        previous = bytes.fromhex(stored) if stored else computed
        last_version = version
        report.events += 1


def _check_chains_in_sql(store: Store, report: StoreReport) -> None:
    (counts,) = store.db.query(
        f"SELECT COUNT(*) AS events, COUNT(DISTINCT originator_id) AS cases FROM {store.events_table}"
    )
    report.events, report.cases = int(counts["events"]), int(counts["cases"])
    sql = _MISMATCHES.replace("{tag}", EVENT_TAG.hex()).replace("{no_previous}", NO_PREVIOUS.hex())
    for case_id, version, position, stored, computed, previous in store.db.stream(
        sql.replace("{events}", store.events_table)
    ):
        where = f"case {case_id} v{version} (position {position})"
        if (previous or 0) != version - 1:
            report.findings.append(f"{where}: follows v{previous or 0}: an event is missing")
        if stored is None:
            report.findings.append(f"{where}: has no chain row")
        elif stored != computed:
            report.findings.append(f"{where}: its stored bytes, or the chain before it, no longer give its hash")


# The tree in PostgreSQL, set by set: the chain rows in leaf order against the events, then each stored node
# against its two children (the leaves' hashes for level 1); each signed root is then made of stored nodes.
_LEAVES = """
SELECT leaf, position, previous_leaf, previous_position, event FROM (
    SELECT c.leaf, c.position, e.notification_id AS event,
        lag(c.leaf) OVER (ORDER BY c.leaf) AS previous_leaf, lag(c.position) OVER (ORDER BY c.leaf) AS previous_position
    FROM event_chain c LEFT JOIN {events} e ON e.notification_id = c.position
) AS chained
WHERE coalesce(previous_leaf, -1) <> leaf - 1 OR position <= coalesce(previous_position, 0) OR event IS NULL
ORDER BY leaf"""
_NODES = (  # level 1 from the leaves, every other level from the one below: a node its children do not make
    """SELECT p.level, p.idx FROM merkle_nodes p
    LEFT JOIN event_chain l ON l.leaf = 2 * p.idx LEFT JOIN event_chain r ON r.leaf = 2 * p.idx + 1
    WHERE p.level = 1 AND p.hash IS DISTINCT FROM encode(sha256('\\x01'::bytea
        || sha256('\\x00'::bytea || decode(l.hash, 'hex'))
        || sha256('\\x00'::bytea || decode(r.hash, 'hex'))), 'hex')""",
    """SELECT p.level, p.idx FROM merkle_nodes p
    LEFT JOIN merkle_nodes l ON l.level = p.level - 1 AND l.idx = 2 * p.idx
    LEFT JOIN merkle_nodes r ON r.level = p.level - 1 AND r.idx = 2 * p.idx + 1
    WHERE p.level > 1
    AND p.hash IS DISTINCT FROM
        encode(sha256('\\x01'::bytea || decode(l.hash, 'hex') || decode(r.hash, 'hex')), 'hex')""",
)


def _check_tree_in_sql(store: Store, report: StoreReport, signed: dict[int, Checkpoint]) -> None:
    db = store.db
    for leaf, position, previous_leaf, previous_position, event in db.stream(
        _LEAVES.replace("{events}", store.events_table)
    ):
        if (previous_leaf if previous_leaf is not None else -1) != leaf - 1:
            report.findings.append(f"leaf {leaf}: follows leaf {previous_leaf}: the log lost an event")
        if position <= (previous_position or 0):
            report.findings.append(f"leaf {leaf}: position {position} is not after {previous_position}")
        if event is None:
            report.findings.append(f"leaf {leaf}: its event (position {position}) is gone from the store")
    for sql in _NODES:
        for level, index in db.stream(sql):
            report.findings.append(f"node {level}/{index}: not made of its children: the leaves under it changed")
    for checkpoint in signed.values():
        nodes = read_nodes(db, nodes_for([(0, checkpoint.size)]), partial=True)
        try:
            root = subtree(0, checkpoint.size, nodes)
        except KeyError:
            report.findings.append(f"checkpoint {checkpoint.size}: the store no longer holds the tree it signed")
            continue
        if root.hex() != checkpoint.root:
            report.findings.append(
                f"checkpoint {checkpoint.size}: the log's first {checkpoint.size} events are not the ones signed"
            )
    size = int(db.query("SELECT COALESCE(MAX(leaf) + 1, 0) AS n FROM event_chain")[0]["n"])
    for checkpoint in signed.values():
        if checkpoint.size > size:
            report.findings.append(f"checkpoint {checkpoint.size}: signed, but the log holds only {size} events now")


def _check_tree(store: Store, report: StoreReport) -> None:
    pos = store.position_column
    signed = {c.size: c for c in reversed(checkpoints(store.db, 1_000_000, 0))}
    report.checkpoints = len(signed)
    for checkpoint in signed.values():
        report.findings += verify_checkpoint(checkpoint.as_json(), base64.b64decode(checkpoint.public_key))
    if store.dialect == "postgres":
        _check_tree_in_sql(store, report, signed)
        return
    stack: list[tuple[int, bytes]] = []  # the perfect subtrees the leaves so far make, largest first
    size, last_position = 0, 0
    rows = store.db.stream(
        f"SELECT c.leaf, c.position, c.hash, e.{pos} FROM event_chain c"
        f" LEFT JOIN {store.events_table} e ON e.{pos} = c.position ORDER BY c.leaf"
    )
    for leaf, position, hashed, event in rows:
        if leaf != size:
            report.findings.append(f"leaf {size}: missing (the next is {leaf}): the log lost an event")
            size = leaf
        if position <= last_position:
            report.findings.append(f"leaf {leaf}: position {position} is not after {last_position}")
        if event is None:
            report.findings.append(f"leaf {leaf}: its event (position {position}) is gone from the store")
        h, n = leaf_hash(bytes.fromhex(hashed)), 1
        while stack and stack[-1][0] == n:
            h, n = node_hash(stack.pop()[1], h), 2 * n
        stack.append((n, h))
        size, last_position = leaf + 1, position
        if size in signed:
            _check_root(signed.pop(size), stack, report)
    for checkpoint in signed.values():
        report.findings.append(f"checkpoint {checkpoint.size}: signed, but the log holds only {size} events now")


def _check_root(checkpoint: Checkpoint, stack: list[tuple[int, bytes]], report: StoreReport) -> None:
    root = stack[-1][1]
    for _, h in reversed(stack[:-1]):
        root = node_hash(h, root)
    if root.hex() != checkpoint.root:
        report.findings.append(
            f"checkpoint {checkpoint.size}: the log's first {checkpoint.size} events are not the ones signed"
        )
