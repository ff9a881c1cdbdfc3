"""ipps_verify: check an ipps audit bundle with nothing but Python 3.11+ and `cryptography`.

    pip install cryptography
    python ipps_verify.py BUNDLE.json [--key PUBLIC_KEY_BASE64]

This one file is the whole of what a supervisor needs: it imports nothing of ipps, and ipps uses it for its
own hashing, so that what the store writes and what this checks cannot drift apart. The formats it checks
are specified in the README ("Provable histories"); in short:

- An event's hash is SHA-256 over its canonical bytes, the exact bytes the store holds, framed:
  b"ipps-event-v1\\n" | originator id (16 bytes) | version (8 bytes, big-endian) | len(topic) (4 bytes,
  big-endian) | topic (UTF-8) | len(state) (4 bytes, big-endian) | state | the previous event's hash of the
  same case (32 zero bytes before its first event). Each case is a chain.
- The log is a Merkle tree over its events in position order (RFC 9162 section 2.1: leaf = SHA-256(0x00 |
  event hash), node = SHA-256(0x01 | left | right)), and a checkpoint is its size and root hash at a time,
  signed with Ed25519 over b"ipps-checkpoint-v1\\n{size}\\n{root hex}\\n{made_at}\\n".
- A bundle holds one case's events (their stored bytes, base64), each with the hash the store holds, its leaf
  index and an inclusion proof against the bundle's signed checkpoint (none for events recorded after it), the
  public key, and what the store itself found wrong when it made the bundle.

Exit status 0: verified; 1: not verified (each finding printed); 2: the bundle cannot be read.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import sys
from collections.abc import Sequence
from typing import Any
from uuid import UUID

EVENT_TAG = b"ipps-event-v1\n"
CHECKPOINT_TAG = "ipps-checkpoint-v1"
BUNDLE_FORMAT = "ipps-audit-bundle/1"
NO_PREVIOUS = bytes(32)


def event_hash(originator_id: UUID, version: int, topic: str, state: bytes, previous: bytes) -> bytes:
    """The hash of an event's canonical bytes, chained to the previous event of its case (NO_PREVIOUS first)."""
    name = topic.encode()
    framed = b"".join(
        (
            EVENT_TAG,
            originator_id.bytes,
            version.to_bytes(8, "big"),
            len(name).to_bytes(4, "big"),
            name,
            len(state).to_bytes(4, "big"),
            state,
            previous,
        )
    )
    return hashlib.sha256(framed).digest()


def leaf_hash(event: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + event).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


EMPTY_ROOT = hashlib.sha256(b"").digest()


def checkpoint_message(size: int, root: bytes, made_at: str) -> bytes:
    return f"{CHECKPOINT_TAG}\n{size}\n{root.hex()}\n{made_at}\n".encode()


def verify_inclusion(index: int, size: int, leaf: bytes, path: Sequence[bytes], root: bytes) -> bool:
    """RFC 9162 section 2.1.3.2: whether `leaf` (a leaf hash) is at `index` of the tree of `size` with `root`."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def verify_consistency(size1: int, size2: int, root1: bytes, root2: bytes, proof: Sequence[bytes]) -> bool:
    """RFC 9162 section 2.1.4.2: whether the tree of `size2` with `root2` extends the one of `size1`/`root1`."""
    if size1 > size2:
        return False
    if size1 == size2:
        return not proof and root1 == root2
    if size1 == 0:
        return not proof and root1 == EMPTY_ROOT
    path = list(proof)
    if size1 & (size1 - 1) == 0:  # a power of two: the old root is a node of the new tree
        path.insert(0, root1)
    if not path:
        return False
    fn, sn = size1 - 1, size2 - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == root1 and sr == root2


def verify_signature(public_key: bytes, message: bytes, signature: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def verify_checkpoint(checkpoint: dict[str, Any], public_key: bytes) -> list[str]:
    """What is wrong with a signed checkpoint ({size, root, made_at, signature}), if anything."""
    message = checkpoint_message(int(checkpoint["size"]), bytes.fromhex(checkpoint["root"]), checkpoint["made_at"])
    if not verify_signature(public_key, message, base64.b64decode(checkpoint["signature"])):
        return [f"checkpoint {checkpoint['size']}: the signature does not match its size, root and time"]
    return []


def verify_bundle(bundle: dict[str, Any], trusted_key: bytes | None = None) -> list[str]:
    """Every finding against a bundle: an empty list means the case's history, as given, is the one the signed
    checkpoint holds, from its first event on."""
    if bundle.get("format") != BUNDLE_FORMAT:
        return [f"not an {BUNDLE_FORMAT} bundle: format {bundle.get('format')!r}"]
    findings: list[str] = []
    public_key = base64.b64decode(bundle["public_key"])
    if trusted_key is not None and public_key != trusted_key:
        findings.append("the bundle's public key is not the key you trust")
    checkpoint = bundle["checkpoint"]
    findings += verify_checkpoint(checkpoint, public_key)
    size, root = int(checkpoint["size"]), bytes.fromhex(checkpoint["root"])
    case_id = UUID(bundle["case_id"])
    previous = NO_PREVIOUS
    outside = False  # events after the checkpoint: chained, not yet provably in the log
    for expected_version, event in enumerate(bundle["events"], start=1):
        where = f"event v{event.get('version')} (position {event.get('position')})"
        if UUID(event["originator_id"]) != case_id:
            findings.append(f"{where}: of another case, {event['originator_id']}")
        if event["version"] != expected_version:
            findings.append(f"{where}: expected version {expected_version}: an event is missing or out of order")
        state = base64.b64decode(event["state"])
        computed = event_hash(case_id, int(event["version"]), event["topic"], state, previous)
        if computed.hex() != event["hash"]:
            findings.append(f"{where}: its bytes or its place in the chain do not give the hash the store holds")
        if event.get("inclusion") is None:
            outside = True
        elif outside:
            findings.append(f"{where}: in the checkpoint, after an event that is not")
        else:
            path = [bytes.fromhex(p) for p in event["inclusion"]]
            if not verify_inclusion(int(event["leaf"]), size, leaf_hash(computed), path, root):
                findings.append(f"{where}: not in the log of the signed checkpoint (size {size})")
        # The next event chains to the hash the store holds: a change is reported where it is, not after it too.
        previous = bytes.fromhex(event["hash"]) if event.get("hash") else computed
    if not bundle["events"]:
        findings.append("the bundle holds no event")
    findings += [f"the store found, when this bundle was made: {f}" for f in bundle.get("findings_when_made", [])]
    return findings


def not_yet_signed(bundle: dict[str, Any]) -> list[int]:
    """The versions after the signed checkpoint: chained to the rest, not yet provably in the log."""
    return [int(e["version"]) for e in bundle["events"] if e.get("inclusion") is None]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Verify an ipps audit bundle.")
    parser.add_argument("bundle", help="the bundle file (JSON)")
    parser.add_argument("--key", help="the public key you trust (base64), as `ipps signing show` prints it")
    args = parser.parse_args(argv)
    try:
        with open(args.bundle, encoding="utf-8") as file:
            bundle = json.load(file)
        findings = verify_bundle(bundle, base64.b64decode(args.key) if args.key else None)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"cannot read the bundle: {exc!r}", file=sys.stderr)
        return 2
    for finding in findings:
        print(f"NOT VERIFIED: {finding}")
    if findings:
        return 1
    checkpoint = bundle["checkpoint"]
    later = not_yet_signed(bundle)
    signed = len(bundle["events"]) - len(later)
    print(
        f"verified: case {bundle['case_id']}, {signed} events in the log of checkpoint {checkpoint['size']}"
        f" ({checkpoint['made_at']}), signed by key {bundle['public_key']}"
    )
    if later:
        print(f"not yet in a signed checkpoint (chained to the rest, unproven): versions {later}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
